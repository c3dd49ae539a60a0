import { UTCDate } from '@date-fns/utc';
import { differenceInCalendarDays } from 'date-fns';
import type Decimal from 'decimal.js';
import { D, sum } from './decimal';
import { type HourWeights, weightedMilliseconds } from './profile';
import { rampWeightedRevenue } from './ramp';
import { HOUR_MS, minutesOf } from './time';

/**
 * The platform's own ad revenue lost in an outage (DESIGN.md section 5): a revenue figure over a
 * period gives an average hourly rate, optionally shaped by a traffic profile; the windows' share of
 * it, scaled by how much of the platform was down, is the loss.
 */

/** The period a revenue figure was earned over. Calendar forms count real UTC days. */
export type RevenuePeriod =
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'year'; year: number }
  | { kind: 'month'; year: number; month: number }
  /** Inclusive calendar dates; months are 1-12. */
  | { kind: 'dates'; start: CalendarDate; end: CalendarDate }
  | { kind: 'days'; days: Decimal }
  | { kind: 'hours'; hours: Decimal };

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** `"even"`, or 24 (hour of day) or 168 (hour of week, Monday 00:00 first) non-negative weights with a positive sum. */
export type TrafficProfile = HourWeights;

export interface LossWindow {
  /** Position in the request, echoed in the derivation trace. */
  index: number;
  start: number;
  end: number;
  deliveryLoss: Decimal;
  /** The recovery ramp after the window, in ms (DESIGN.md section 13): the revenue rate comes back linearly. */
  recoveryMs?: number;
}

export interface PlatformLossInput {
  amount: Decimal;
  period: RevenuePeriod;
  /** Share of the platform's revenue the outage touched, in [0, 1]. */
  affectedShare: Decimal;
  /** Share of the gross loss made up afterwards, in [0, 1]. */
  recapture: Decimal;
  windows: readonly LossWindow[];
  trafficProfile: TrafficProfile;
  profileTimeZone: string;
}

export interface PeriodLength {
  hours: Decimal;
  /** Whole UTC days of a calendar period (absent for `days` and `hours`). */
  days?: number;
  /** The period in words, for the derivation trace: "2021-Q2", "2020-03-01..2020-03-31". */
  label: string;
}

export interface WindowLoss {
  index: number;
  start: number;
  end: number;
  hours: Decimal;
  deliveryLoss: Decimal;
  /** Revenue the platform would have earned inside the window. */
  revenue: Decimal;
  /** deliveryLoss × affectedShare × (revenue + the ramp's still-lost revenue). */
  grossLoss: Decimal;
  /** The ramp's length in ms, echoed for the trace. */
  recoveryMs?: number;
  /**
   * Present when the window has a recovery ramp: deliveryLoss × affectedShare × Σ ramp revenue × (1 − elapsed
   * share).
   */
  recoveryLoss?: Decimal;
}

export interface PlatformLossResult {
  period: PeriodLength;
  revenuePerHour: Decimal;
  revenuePerDay: Decimal;
  revenuePerMinute: Decimal;
  revenuePerSecond: Decimal;
  outageMinutes: Decimal;
  /** In request order. */
  windows: WindowLoss[];
  grossLoss: Decimal;
  recaptured: Decimal;
  netLoss: Decimal;
}

const HOUR = new D(HOUR_MS);

/** Whole UTC calendar days from one date to another (date-fns on UTCDates: the host's zone never enters). */
function utcDaysBetween(from: CalendarDate, toExclusive: CalendarDate): number {
  return differenceInCalendarDays(utcDate(toExclusive), utcDate(from));
}

/** A calendar date as a UTC midnight; month 13 and day 32 roll over, as Date.UTC's do. */
const utcDate = (d: CalendarDate) => new UTCDate(d.year, d.month - 1, d.day);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const formatDate = (d: CalendarDate) => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/** The length of a revenue period in hours: 2021-Q2 is 91 days (2,184 h), 2020 is 366 days. */
export function periodLength(period: RevenuePeriod): PeriodLength {
  const calendar = (days: number, label: string): PeriodLength => ({ hours: new D(days).times(24), days, label });
  switch (period.kind) {
    case 'quarter': {
      const firstMonth = 3 * (period.quarter - 1) + 1;
      const days = utcDaysBetween(
        { year: period.year, month: firstMonth, day: 1 },
        { year: period.year, month: firstMonth + 3, day: 1 },
      );
      return calendar(days, `${period.year}-Q${period.quarter}`);
    }
    case 'year':
      return calendar(
        utcDaysBetween({ year: period.year, month: 1, day: 1 }, { year: period.year + 1, month: 1, day: 1 }),
        String(period.year),
      );
    case 'month':
      return calendar(
        utcDaysBetween(
          { year: period.year, month: period.month, day: 1 },
          { year: period.year, month: period.month + 1, day: 1 },
        ),
        `${period.year}-${pad(period.month)}`,
      );
    case 'dates': {
      const dayAfterEnd = { ...period.end, day: period.end.day + 1 };
      return calendar(
        utcDaysBetween(period.start, dayAfterEnd),
        `${formatDate(period.start)}..${formatDate(period.end)} (inclusive)`,
      );
    }
    case 'days':
      return { hours: period.days.times(24), label: `${period.days.toString()} days` };
    case 'hours':
      return { hours: period.hours, label: `${period.hours.toString()} hours` };
  }
}

/**
 * Revenue earned in [start, end) when `amount` is earned over `periodHours`. With weights, each local
 * hour of `zone` earns at the average rate × w(hour) / mean(w), and a bucket the window covers in part
 * earns its covered share. Sums and products are exact; the one division comes last, so a result that
 * is exactly a half cent stays a half cent for the rounding mode to decide.
 */
export function revenueInWindow(
  amount: Decimal,
  periodHours: Decimal,
  profile: TrafficProfile,
  zone: string,
  start: number,
  end: number,
): Decimal {
  if (profile === 'even') return amount.times(end - start).dividedBy(periodHours.times(HOUR));
  const weightedMs = weightedMilliseconds(profile, zone, start, end);
  // amount ÷ periodHours × Σ w·ms ÷ HOUR ÷ mean(w), with mean(w) = Σw ÷ n
  return amount
    .times(weightedMs)
    .times(profile.length)
    .dividedBy(periodHours.times(HOUR).times(sum(profile)));
}

/** Gross, recaptured and net revenue lost by the platform in the outage. Unrounded. */
export function estimatePlatformLoss(input: PlatformLossInput): PlatformLossResult {
  const period = periodLength(input.period);
  const { amount } = input;
  const windows = [...input.windows]
    .sort((a, b) => a.index - b.index)
    .map((w): WindowLoss => {
      const revenueIn = (from: number, to: number) =>
        revenueInWindow(amount, period.hours, input.trafficProfile, input.profileTimeZone, from, to);
      const revenue = revenueIn(w.start, w.end);
      const loss: WindowLoss = {
        index: w.index,
        start: w.start,
        end: w.end,
        hours: new D(w.end - w.start).dividedBy(HOUR),
        deliveryLoss: w.deliveryLoss,
        revenue,
        grossLoss: w.deliveryLoss.times(input.affectedShare).times(revenue),
      };
      if (w.recoveryMs === undefined) return loss;
      loss.recoveryMs = w.recoveryMs;
      // The revenue rate ramps back linearly over [end, end + ramp), as campaigns' delivery does.
      const ramp = rampWeightedRevenue(w, revenueIn, input.profileTimeZone, input.trafficProfile === 'even');
      loss.recoveryLoss = w.deliveryLoss.times(input.affectedShare).times(ramp);
      loss.grossLoss = loss.grossLoss.plus(loss.recoveryLoss);
      return loss;
    });
  const grossLoss = sum(windows.map((w) => w.grossLoss));
  const recaptured = input.recapture.times(grossLoss);
  // Each rate is one division of exact operands, not a rounded hourly rate scaled up or down.
  return {
    period,
    revenuePerHour: amount.dividedBy(period.hours),
    revenuePerDay: amount.times(24).dividedBy(period.hours),
    revenuePerMinute: amount.dividedBy(period.hours.times(60)),
    revenuePerSecond: amount.dividedBy(period.hours.times(3600)),
    outageMinutes: minutesOf(input.windows),
    windows,
    grossLoss,
    recaptured,
    netLoss: grossLoss.minus(recaptured),
  };
}
