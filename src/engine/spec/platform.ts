import type Decimal from 'decimal.js';
import type { CalendarDate, RevenuePeriod } from '../platform';
import type { SpecProblem, SpecResult } from './problems';

/**
 * Platform revenue loss's input rules (DESIGN.md section 5), written once: the revenue period is exactly
 * one form, a date range runs forwards, and the outage's campaign-only fields do not apply. The schema
 * parses the fields (dates, quarters, decimals) and calls these; paths are relative to what each reads.
 */

/** The forms a period may take, each a set of keys; exactly one must be given. */
const PERIOD_FORMS = [['quarter'], ['year'], ['month'], ['start', 'end'], ['days'], ['hours']] as const;
export const PERIOD_FORM_NAMES = PERIOD_FORMS.map((keys) => keys.map((k) => `\`${k}\``).join(' with ')).join(', ');

export const PERIOD_MISSING = `give the period the revenue was earned over as exactly one of ${PERIOD_FORM_NAMES}`;
export const periodForms = (named: string) => `gives ${named}: give exactly one period form (${PERIOD_FORM_NAMES})`;
export const RANGE_END_MISSING = 'is required: a date range needs both `start` and `end`';
export const RANGE_BACKWARDS = 'must not be before `start` (the range is inclusive: `start` = `end` is one day)';
export const CAMPAIGN_ONLY = "applies to campaigns (POST /v1/impact), not to the platform's own revenue";

/** A period as the schema parsed its fields: each form's value, the others absent. */
export interface ParsedPeriod {
  quarter?: { year: number; quarter: number };
  year?: Decimal;
  month?: { year: number; month: number };
  start?: CalendarDate;
  end?: CalendarDate;
  days?: Decimal;
  hours?: Decimal;
}

const utcDay = (d: CalendarDate) => Date.UTC(d.year, d.month - 1, d.day);

/** The period the revenue was earned over: exactly one form, and a date range with both ends in order. */
export function revenuePeriodOf(p: ParsedPeriod): SpecResult<RevenuePeriod> {
  const given = PERIOD_FORMS.filter((keys) => keys.some((k) => p[k] !== undefined));
  if (given.length !== 1) {
    const named = given
      .map((keys) =>
        keys
          .filter((k) => p[k] !== undefined)
          .map((k) => `\`${k}\``)
          .join(' and '),
      )
      .join(' and ');
    return { problems: [{ path: [], message: given.length === 0 ? PERIOD_MISSING : periodForms(named) }] };
  }
  if (p.quarter) return { spec: { kind: 'quarter', ...p.quarter } };
  if (p.year) return { spec: { kind: 'year', year: p.year.toNumber() } };
  if (p.month) return { spec: { kind: 'month', ...p.month } };
  if (p.days) return { spec: { kind: 'days', days: p.days } };
  if (p.hours) return { spec: { kind: 'hours', hours: p.hours } };
  const { start, end } = p;
  if (!start || !end) return { problems: [{ path: [start ? 'end' : 'start'], message: RANGE_END_MISSING }] };
  if (utcDay(end) < utcDay(start)) return { problems: [{ path: ['end'], message: RANGE_BACKWARDS }] };
  return { spec: { kind: 'dates', start, end } };
}

/**
 * measurementLoss and platforms describe campaigns (what their pixel recorded, which platform they run
 * on); the platform's own revenue has neither, so they are refused rather than ignored. Paths are
 * relative to the outage.
 */
export function campaignOnlyWindowProblems(
  windows: readonly { index: number; measurementLoss?: unknown; platforms?: unknown }[],
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const w of windows) {
    for (const field of ['measurementLoss', 'platforms'] as const)
      if (w[field] !== undefined) problems.push({ path: ['windows', w.index, field], message: CAMPAIGN_ONLY });
  }
  return problems;
}
