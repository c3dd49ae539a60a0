import type Decimal from 'decimal.js';
import type { CatalogueOutage } from '../catalogue/outages';
import { revenueLinks, type RevenueRef } from '../catalogue/refs';
import type { PlatformLossResult, RevenuePeriod } from '../engine/platform';
import type { Formatter } from '../engine/rounding';
import { formatInstant } from '../engine/time';

/**
 * The prose that goes with a platform-loss answer (DESIGN.md section 11): `method`, one paragraph that
 * says what was divided by what over which period and window, with the answer's own numbers, and
 * `caveats`, what the figure is not. Built from the formatted outputs, so that the words and the fields
 * can never disagree.
 */

export interface MethodContext {
  result: PlatformLossResult;
  period: RevenuePeriod;
  currency: string;
  amount: Decimal;
  affectedShare: Decimal;
  recapture: Decimal;
  profiled: boolean;
  outage?: CatalogueOutage;
  revenue?: RevenueRef;
  f: Formatter;
}

/** `1234567.5` → `1,234,567.5`: digit groups for prose (the JSON fields stay plain decimal strings). */
export function groupDigits(decimal: string): string {
  const [whole = '', fraction] = decimal.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

const moneyText = (currency: string, formatted: string) =>
  currency === 'USD' ? `$${groupDigits(formatted)}` : `${currency} ${groupDigits(formatted)}`;
const percentText = (share: Decimal) => `${groupDigits(share.times(100).toDecimalPlaces(4).toString())} %`;

/** "Q4 2021 advertising revenue" for a catalogue figure, "Revenue … over 2021-Q2" otherwise. */
function revenueText(ctx: MethodContext, amountText: string): string {
  if (ctx.revenue) {
    const [year, quarter] = ctx.revenue.entry.period.split('-');
    const period = quarter ? `${quarter} ${year}` : `full-year ${year}`;
    return (
      `${period} ${ctx.revenue.kind} revenue of ${amountText} ` +
      `(${ctx.revenue.ref}, as published: ${ctx.revenue.asPublished})`
    );
  }
  return `Revenue of ${amountText} over ${ctx.result.period.label}`;
}

function windowsText(result: PlatformLossResult): string {
  const spans = result.windows.map((w) => `${formatInstant(w.start)} to ${formatInstant(w.end)}`);
  return spans.length <= 3
    ? spans.join(', ')
    : `${spans.length} windows from ${spans[0]} to ${spans[spans.length - 1]}`;
}

export function platformLossMethod(ctx: MethodContext): string {
  const { result, f, currency } = ctx;
  const money = (v: Decimal) => moneyText(currency, f.money(v));
  const hours = groupDigits(f.count(result.period.hours)).replace(/\.00$/, '');
  const outageHours = f.count(result.outageMinutes.dividedBy(60));
  const spread = ctx.profiled
    ? `spread over its ${hours} hours at the traffic profile's ` +
      `weights, averages ${money(result.revenuePerHour)} an hour`
    : `spread evenly over its ${hours} hours, gives ${money(result.revenuePerHour)} an hour`;
  const windowRevenue = result.windows.reduce((total, w) => total.plus(w.revenue), result.grossLoss.times(0));
  const scaled = !ctx.affectedShare.equals(1) || result.windows.some((w) => !w.deliveryLoss.equals(1));
  const loss = scaled
    ? `it would have earned ${money(windowRevenue)} in that time; scaled by each window's deliveryLoss and ` +
      `an affected share of ${percentText(ctx.affectedShare)}, the gross loss is ${money(result.grossLoss)}`
    : `the gross loss is ${money(result.grossLoss)}`;
  const net = ctx.recapture.isZero()
    ? ''
    : `; with ${percentText(ctx.recapture)} of it made up afterwards ` +
      `(${money(result.recaptured)}), the net loss is ${money(result.netLoss)}`;
  const outage = ctx.outage ? ` (${ctx.outage.id}: ${windowsText(result)})` : ` (${windowsText(result)})`;
  return (
    `${revenueText(ctx, money(ctx.amount))}, ${spread}; the outage ` +
    `lasted ${outageHours} hours${outage}, so ${loss}${net}.`
  );
}

/** The quarter or year the revenue was earned over does not contain the outage: say which one does. */
function periodCaveat(ctx: MethodContext): string | undefined {
  const first = ctx.result.windows.reduce((a, w) => Math.min(a, w.start), Number.POSITIVE_INFINITY);
  if (!Number.isFinite(first) || (ctx.period.kind !== 'quarter' && ctx.period.kind !== 'year')) return undefined;
  const date = new Date(first);
  const year = date.getUTCFullYear();
  const quarter = Math.floor(date.getUTCMonth() / 3) + 1;
  if (ctx.period.year === year && (ctx.period.kind === 'year' || ctx.period.quarter === quarter)) return undefined;
  const containing = ctx.outage ? revenueLinks(ctx.outage).containingQuarter : null;
  const suggestion = containing ? ` (${containing}:advertising in the catalogue)` : '';
  return (
    `The revenue is for ${ctx.result.period.label}, not ${year}-Q${quarter}, ` +
    `the quarter the outage fell in${suggestion}: a different quarter's rate, ` +
    `which is all that was published on the day, gives a different figure.`
  );
}

export function platformLossCaveats(ctx: MethodContext): string[] {
  const caveats = [
    ctx.recapture.isZero()
      ? 'Gross, not net: advertisers whose ads did not run keep their budgets and ' +
        're-spend much of them later (platforms deliver faster after an outage), ' +
        'so the revenue finally lost is lower; `recapture` models that share.'
      : `The recaptured share (${percentText(ctx.recapture)}) is an assumption, not a ` +
        `reported figure: what advertisers re-spend after an outage is not published.`,
    ctx.profiled
      ? "The traffic profile's weights are an assumption: the platform does not publish revenue by hour."
      : 'Revenue is spread evenly over every hour of the period; ad revenue follows traffic, which ' +
        'varies by hour and weekday, so a traffic profile (`trafficProfile`) would change the figure.',
    'An estimate from a reported period total, not a loss the platform reported.',
  ];
  if (ctx.revenue?.kind === 'total') {
    caveats.push(
      `Total revenue includes non-advertising revenue; ` +
        `${ctx.revenue.ref.replace(/:total$/, ':advertising')} is the advertising part.`,
    );
  }
  const period = periodCaveat(ctx);
  if (period) caveats.push(period);
  for (const note of ctx.outage?.notes ?? []) caveats.push(`${ctx.outage?.id}: ${note}`);
  return caveats;
}
