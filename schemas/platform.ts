import { z } from '@hono/zod-openapi';
import type { CalendarDate, RevenuePeriod } from '../src/engine/platform';
import { D } from '../src/engine/decimal';
import { campaignOnlyWindowProblems, PERIOD_FORM_NAMES, revenuePeriodOf } from '../src/engine/spec/platform';
import { under } from '../src/engine/spec/problems';
import { daysInMonth } from '../src/engine/time';
import {
  Currency,
  DecimalString,
  decimalInput,
  ExplainOptions,
  ExplainStep,
  FineMoneyOut,
  fraction,
  hourWeights,
  MoneyOut,
  positiveMoney,
  TimeZone,
} from './common';
import { OutageEcho, RevenueEcho, revenueOrRef } from './catalogue';
import { oneOfForms } from './one-of';
import { addProblems } from './spec-problems';
import { OutageInput, type OutageWindow } from './outage';

/** Years a calendar period may name: the same range as timestamps. */
const YEARS = { min: 1970, max: 2200 } as const;
/** `days` and `hours` periods: up to 100,000 days, and at least an hour so that a rate cannot explode. */
const PERIOD_LIMITS = { days: '100000', hours: '2400000' } as const;

const QUARTER = /^(\d{4})-[Qq]([1-4])$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const inYears = (year: number) => year >= YEARS.min && year <= YEARS.max;
const yearsMessage = `must have a year from ${YEARS.min} to ${YEARS.max}`;

const quarter = z
  .string()
  .transform((text, ctx) => {
    const m = QUARTER.exec(text.trim());
    if (!m) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a calendar quarter such as "2021-Q2" (Q1 to Q4), not ${JSON.stringify(text)}`,
      });
      return z.NEVER;
    }
    const year = Number(m[1]);
    if (!inYears(year)) {
      ctx.addIssue({ code: 'custom', message: yearsMessage });
      return z.NEVER;
    }
    return { year, quarter: Number(m[2]) };
  })
  .openapi({
    type: 'string',
    description: 'A calendar quarter, `YYYY-Qn` (Q1 is January to March).',
    example: '2021-Q2',
  });

const month = z
  .string()
  .transform((text, ctx) => {
    const m = MONTH.exec(text.trim());
    const monthNumber = Number(m?.[2]);
    if (!m || monthNumber < 1 || monthNumber > 12) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a calendar month such as "2024-03" (01 to 12), not ${JSON.stringify(text)}`,
      });
      return z.NEVER;
    }
    const year = Number(m[1]);
    if (!inYears(year)) {
      ctx.addIssue({ code: 'custom', message: yearsMessage });
      return z.NEVER;
    }
    return { year, month: monthNumber };
  })
  .openapi({ type: 'string', description: 'A calendar month, `YYYY-MM`.', example: '2024-03' });

const calendarDate = (description: string, example: string) =>
  z
    .string()
    .transform((text, ctx): CalendarDate => {
      const m = DATE.exec(text.trim());
      if (!m) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a date such as "2021-04-01" (YYYY-MM-DD), not ${JSON.stringify(text)}`,
        });
        return z.NEVER;
      }
      const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
      if (!inYears(date.year)) ctx.addIssue({ code: 'custom', message: yearsMessage });
      else if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) {
        ctx.addIssue({ code: 'custom', message: `is not a date: ${text} does not exist` });
      } else return date;
      return z.NEVER;
    })
    .openapi({ type: 'string', format: 'date', description, example });

const formNames = PERIOD_FORM_NAMES;

const RevenuePeriodFields = z.strictObject({
  quarter: quarter.optional(),
  year: decimalInput(
    { min: String(YEARS.min), max: String(YEARS.max), integer: true },
    { description: 'A calendar year (2020 has 366 days)', example: '2020' },
  ).optional(),
  month: month.optional(),
  start: calendarDate('First day of an inclusive date range (give `end` too)', '2021-04-01').optional(),
  end: calendarDate('Last day of the inclusive date range (give `start` too)', '2021-06-30').optional(),
  days: decimalInput(
    { min: '1', max: PERIOD_LIMITS.days, integer: true },
    { description: 'A number of days', example: '91' },
  ).optional(),
  hours: decimalInput(
    { min: '1', max: PERIOD_LIMITS.hours },
    { description: 'A number of hours', example: '2184' },
  ).optional(),
});

const revenuePeriod = RevenuePeriodFields.transform((p, ctx): RevenuePeriod => {
  const period = revenuePeriodOf(p);
  if ('spec' in period) return period.spec;
  addProblems(period.problems, ctx);
  return z.NEVER;
});

/** One form of a period, as the named object that the OpenAPI document lists. */
const periodForm = (keys: { [K in keyof typeof RevenuePeriodFields.shape]?: true }, description: string) =>
  RevenuePeriodFields.pick(keys).required().openapi({ description });

export const RevenuePeriodInput = oneOfForms(revenuePeriod, {
  QuarterPeriod: periodForm({ quarter: true }, 'Revenue earned over a calendar quarter.'),
  YearPeriod: periodForm({ year: true }, 'Revenue earned over a calendar year.'),
  MonthPeriod: periodForm({ month: true }, 'Revenue earned over a calendar month.'),
  DateRangePeriod: periodForm({ start: true, end: true }, 'Revenue earned from `start` to `end`, both days included.'),
  DaysPeriod: periodForm({ days: true }, 'Revenue earned over a number of days.'),
  HoursPeriod: periodForm({ hours: true }, 'Revenue earned over a number of hours.'),
}).openapi('RevenuePeriodInput', {
  description:
    `The period the revenue was earned over: exactly one of ${formNames}. Calendar periods count real UTC ` +
    `days: 2020 has 366 days, 2021-Q2 has 91 (2,184 hours). \`start\` and \`end\` are inclusive dates.`,
  example: { quarter: '2021-Q2' },
});

const RevenueFigureInput = z
  .strictObject({
    amount: positiveMoney('Revenue earned over the period', '29080000000'),
    currency: Currency.default('USD').openapi({
      description: 'ISO 4217 currency of the amount (default USD). Money outputs use its minor units.',
      example: 'USD',
    }),
    period: RevenuePeriodInput,
  })
  .openapi('RevenueFigureInput', {
    description: 'A published revenue figure and the period it was earned over (a quarterly report, say).',
  });

/** The revenue of a request: explicit, or `{ "ref" }` naming a catalogue figure (DESIGN.md section 11). */
export const RevenueInput = revenueOrRef(RevenueFigureInput, 'RevenueFigureInput', (text) => new D(text)).openapi(
  'RevenueInput',
  {
    description:
      'The revenue: `amount`, `currency` and `period`, or `{ "ref": "meta:2021-Q4:advertising" ' +
      '}` naming a reported figure of the catalogue (GET /v1/platforms/meta/revenue).',
  },
);

export const TrafficProfileInput = hourWeights('TrafficProfileInput', {
  description:
    'How revenue is spread over the hours: `"even"` (default), or 24 non-negative weights (hour ' +
    'of day, 00:00 first) or 168 (hour of week, Monday 00:00 first) in `profileTimeZone`, with ' +
    'a positive sum. Each local hour earns the average rate × its weight ÷ the mean weight.',
  weight: 'Relative traffic weight of one local hour',
});

/** The engine's rule that campaign-only window fields do not apply to the platform's revenue. */
function refuseCampaignOnlyFields(body: { outage: { windows: readonly OutageWindow[] } }, ctx: z.core.$RefinementCtx) {
  addProblems(under(['outage'], campaignOnlyWindowProblems(body.outage.windows)), ctx);
}

export const PlatformLossRequest = z
  .strictObject({
    revenue: RevenueInput,
    affectedShare: fraction(
      'Share of the platform (users, regions, products) the outage took down (default 1)',
      '1',
    ).prefault('1'),
    outage: OutageInput,
    trafficProfile: TrafficProfileInput.default('even'),
    profileTimeZone: TimeZone.default('UTC').openapi({
      description: 'IANA zone whose local hours the traffic profile describes (default UTC).',
      example: 'UTC',
    }),
    recapture: fraction(
      'Share of the gross loss made up after the outage, as advertisers re-spend their budgets (default 0)',
      '0',
    ).prefault('0'),
    options: ExplainOptions.prefault({}),
  })
  .superRefine(refuseCampaignOnlyFields)
  .openapi('PlatformLossRequest');
export type PlatformLossRequest = z.infer<typeof PlatformLossRequest>;

export const PlatformLossResponse = z
  .object({
    currency: z.string().openapi({ example: 'USD' }),
    periodHours: DecimalString('Hours in the revenue period (2 decimal places)', '2184.00'),
    revenuePerDay: MoneyOut('amount × 24 ÷ periodHours: the average daily revenue', '319560439.56'),
    revenuePerHour: MoneyOut('amount ÷ periodHours: the average hourly revenue', '13315018.32'),
    revenuePerMinute: FineMoneyOut('amount ÷ periodHours ÷ 60', '221916.9719'),
    revenuePerSecond: FineMoneyOut('amount ÷ periodHours ÷ 3600', '3698.6162'),
    outageMinutes: DecimalString('Total length of the windows in minutes (2 decimal places)', '450.00'),
    grossLoss: MoneyOut('Σ over windows of deliveryLoss × affectedShare × revenue in the window', '99862637.36'),
    recaptured: MoneyOut('recapture × grossLoss', '0.00'),
    netLoss: MoneyOut('grossLoss − recaptured', '99862637.36'),
    recoveryLoss: MoneyOut(
      "The part of grossLoss lost in the windows' recovery ramps: the revenue rate comes back linearly " +
        'over [end, end + recoveryMinutes), so each ramp loses deliveryLoss × affectedShare × its revenue ' +
        '× (1 − elapsed share), integrated hour by hour (present when a window gives recoveryMinutes)',
      '7489697.43',
    ).optional(),
    explain: z.array(ExplainStep).optional(),
    method: z.string().openapi({
      description:
        'One plain-language paragraph: what was divided by what, over ' +
        'which period and window, with the numbers of this answer.',
      example:
        'Revenue of $29,080,000,000.00 over 2021-Q2, spread evenly over its 2,184 hours, ' +
        'gives $13,315,018.32 an hour; the outage lasted 7.50 hours (2021-10-04T15:30:00Z ' +
        'to 2021-10-04T23:00:00Z), so the gross loss is $99,862,637.36.',
    }),
    caveats: z.array(z.string()).openapi({
      description:
        'What the figure is not: gross of later re-spend, evenly spread, ' +
        'an estimate; confounding events from the catalogue entry.',
    }),
    outage: OutageEcho.optional().openapi({ description: 'The catalogue outage, when `outage.ref` named one.' }),
    revenue: RevenueEcho.optional().openapi({ description: 'The catalogue figure, when `revenue.ref` named one.' }),
  })
  .openapi('PlatformLossResponse', {
    description: 'Every number is a decimal string, computed unrounded and rounded once at the end.',
  });
export type PlatformLossResponse = z.infer<typeof PlatformLossResponse>;
