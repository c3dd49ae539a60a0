import { createRoute } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import atlantic2014 from '../../examples/atlantic-2014-08-01.json';
import catalogue2021 from '../../examples/catalogue-meta-2021-10-04.json';
import ccn2019 from '../../examples/ccn-2019-03-13.json';
import ladbible2024 from '../../examples/ladbible-2024-03-05.json';
import snopes2021 from '../../examples/snopes-2021-10-04.json';
import responseExamples from '../../schemas/examples/estimatePlatformRevenueLoss.json';
import { PlatformLossRequest, PlatformLossResponse } from '../../schemas/platform';
import { sum } from '../engine/decimal';
import { admit, platformCostTerms } from '../engine/cost';
import { estimatePlatformLoss, type PlatformLossResult } from '../engine/platform';
import { workLimit } from '../http/guards';
import { type Formatter, formatter } from '../engine/rounding';
import { formatInstant } from '../engine/time';
import { problemResponses, validationResponse } from '../http/responses';
import { outageEcho, revenueEcho } from '../../schemas/catalogue';
import { platformLossCaveats, platformLossMethod } from '../present/platform-method';
import { createRouter } from '../http/router';

/** DESIGN.md section 5: Fortune's method for 4 October 2021, done without rounding the hourly rate first. */
export const PLATFORM_LOSS_EXAMPLE = {
  revenue: { amount: '29080000000', currency: 'USD', period: { quarter: '2021-Q2' } },
  affectedShare: '1',
  outage: { timeZone: 'UTC', windows: [{ start: '2021-10-04T15:30:00Z', end: '2021-10-04T23:00:00Z' }] },
  trafficProfile: 'even',
  profileTimeZone: 'UTC',
  recapture: '0',
  options: { explain: true },
};

export const estimatePlatformRevenueLossRoute = createRoute({
  method: 'post',
  path: '/v1/platform-loss',
  operationId: 'estimatePlatformRevenueLoss',
  tags: ['Platform revenue loss'],
  summary: "The platform's own ad revenue lost in an outage",
  description:
    'A published revenue figure over a period (a quarter, a year, a month, inclusive dates, a number of days ' +
    'or hours) gives the average revenue per hour; calendar periods count real UTC days. An optional 24- or ' +
    '168-weight traffic profile in `profileTimeZone` shapes the rate over the hours. The loss is Σ over the ' +
    'outage windows of deliveryLoss × affectedShare × the revenue the window would have earned, less what is ' +
    'recaptured afterwards. `examples/` in the repository reproduces published estimates of past Meta outages.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: PlatformLossRequest,
          examples: {
            catalogue2021: {
              summary:
                '4 Oct 2021 by reference: Q4 2021 advertising revenue and the catalogue window (GET /v1/outages)',
              value: catalogue2021,
            },
            fortune2021: {
              summary: 'Fortune, 4 Oct 2021: $29.08B over 2021-Q2, 7.5 hours (DESIGN.md worked example)',
              value: PLATFORM_LOSS_EXAMPLE,
            },
            snopes2021: { summary: 'Snopes, 4 Oct 2021: $28.58B ad revenue over 2021-Q2, 5 hours', value: snopes2021 },
            ladbible2024: {
              summary: 'LADbible, 5 Mar 2024: $38.7B ad revenue over 2023-Q4, 2 hours',
              value: ladbible2024,
            },
            ccn2019: { summary: 'CCN, 13 Mar 2019: $55.8B revenue over 2018, 14 hours', value: ccn2019 },
            atlantic2014: {
              summary: 'The Atlantic, 1 Aug 2014: $2.91B revenue over 2014-Q2, 19 minutes',
              value: atlantic2014,
            },
          },
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The rates and the loss, every number a decimal string.',
      // the real answer to each request example, under the same name, written by `npm run openapi:examples`
      content: { 'application/json': { schema: PlatformLossResponse, ...responseExamples['application/json'] } },
    },
    ...problemResponses,
    422: validationResponse([
      {
        pointer: '/revenue/period',
        detail:
          'gives `quarter` and `year`: give exactly one period form ' +
          '(`quarter`, `year`, `month`, `start` with `end`, `days`, `hours`)',
      },
    ]),
  },
});

interface Step {
  metric: string;
  formula: string;
  inputs: Record<string, Decimal | number | string>;
  value: string;
}

function present(
  r: PlatformLossResult,
  input: { amount: Decimal; affectedShare: Decimal; recapture: Decimal; profiled: boolean },
  currency: string,
  f: Formatter,
  explain: boolean,
): Omit<PlatformLossResponse, 'method' | 'caveats'> {
  const body: Omit<PlatformLossResponse, 'method' | 'caveats'> = {
    currency,
    periodHours: f.count(r.period.hours),
    revenuePerDay: f.money(r.revenuePerDay),
    revenuePerHour: f.money(r.revenuePerHour),
    revenuePerMinute: f.fineMoney(r.revenuePerMinute),
    revenuePerSecond: f.fineMoney(r.revenuePerSecond),
    outageMinutes: f.count(r.outageMinutes),
    grossLoss: f.money(r.grossLoss),
    recaptured: f.money(r.recaptured),
    netLoss: f.money(r.netLoss),
  };
  const ramps = r.windows.flatMap((w) => (w.recoveryLoss ? [w.recoveryLoss] : []));
  if (ramps.length) body.recoveryLoss = f.money(sum(ramps));
  if (explain) body.explain = explainPlatformLoss(r, input, body, f);
  return body;
}

function explainPlatformLoss(
  r: PlatformLossResult,
  input: { amount: Decimal; affectedShare: Decimal; recapture: Decimal; profiled: boolean },
  out: Omit<PlatformLossResponse, 'method' | 'caveats'>,
  f: Formatter,
): NonNullable<PlatformLossResponse['explain']> {
  const { period } = r;
  const steps: Step[] = [
    period.days === undefined
      ? {
          metric: 'periodHours',
          formula: `the period's hours (${period.label})`,
          inputs: { period: period.label },
          value: out.periodHours,
        }
      : {
          metric: 'periodHours',
          formula: `UTC days in ${period.label} × 24`,
          inputs: { days: period.days },
          value: out.periodHours,
        },
    {
      metric: 'revenuePerHour',
      formula: 'amount ÷ periodHours',
      inputs: { amount: input.amount, periodHours: period.hours },
      value: out.revenuePerHour,
    },
    {
      metric: 'revenuePerDay',
      formula: 'amount × 24 ÷ periodHours',
      inputs: { amount: input.amount, periodHours: period.hours },
      value: out.revenuePerDay,
    },
    {
      metric: 'revenuePerMinute',
      formula: 'amount ÷ periodHours ÷ 60',
      inputs: { amount: input.amount, periodHours: period.hours },
      value: out.revenuePerMinute,
    },
    {
      metric: 'revenuePerSecond',
      formula: 'amount ÷ periodHours ÷ 3600',
      inputs: { amount: input.amount, periodHours: period.hours },
      value: out.revenuePerSecond,
    },
    { metric: 'outageMinutes', formula: 'Σ windows (end − start) in minutes', inputs: {}, value: out.outageMinutes },
  ];
  for (const w of r.windows) {
    const name = `windows[${w.index}]`;
    const span = { start: formatInstant(w.start), end: formatInstant(w.end), hours: w.hours };
    steps.push(
      input.profiled
        ? {
            metric: `${name}.revenue`,
            formula:
              'Σ over local hours h of profileTimeZone that overlap the ' +
              'window: revenuePerHour × w(h) ÷ mean(w) × overlap hours',
            inputs: { ...span, revenuePerHour: r.revenuePerHour },
            value: f.money(w.revenue),
          }
        : {
            metric: `${name}.revenue`,
            formula: 'revenuePerHour × hours',
            inputs: { ...span, revenuePerHour: r.revenuePerHour },
            value: f.money(w.revenue),
          },
      ...(w.recoveryLoss
        ? [
            {
              metric: `${name}.recoveryLoss`,
              formula:
                'deliveryLoss × affectedShare × Σ over the local hour pieces [a, b) ' +
                'of the ramp: revenue(a, b) × (1 − ((a + b) ÷ 2 − end) ÷ ramp)',
              inputs: {
                deliveryLoss: w.deliveryLoss,
                affectedShare: input.affectedShare,
                rampEnd: formatInstant(w.end + (w.recoveryMs ?? 0)),
              },
              value: f.money(w.recoveryLoss),
            },
          ]
        : []),
      {
        metric: `${name}.grossLoss`,
        formula: w.recoveryLoss
          ? 'deliveryLoss × affectedShare × revenue + recoveryLoss'
          : 'deliveryLoss × affectedShare × revenue',
        inputs: {
          deliveryLoss: w.deliveryLoss,
          affectedShare: input.affectedShare,
          revenue: w.revenue,
          ...(w.recoveryLoss ? { recoveryLoss: w.recoveryLoss } : {}),
        },
        value: f.money(w.grossLoss),
      },
    );
  }
  steps.push(
    {
      metric: 'grossLoss',
      formula: 'Σ windows[i].grossLoss',
      inputs: Object.fromEntries(r.windows.map((w) => [`windows[${w.index}].grossLoss`, w.grossLoss])),
      value: out.grossLoss,
    },
    {
      metric: 'recaptured',
      formula: 'recapture × grossLoss',
      inputs: { recapture: input.recapture, grossLoss: r.grossLoss },
      value: out.recaptured,
    },
    {
      metric: 'netLoss',
      formula: 'grossLoss − recaptured',
      inputs: { grossLoss: r.grossLoss, recaptured: r.recaptured },
      value: out.netLoss,
    },
  );
  return steps.map((s) => ({
    ...s,
    inputs: Object.fromEntries(Object.entries(s.inputs).map(([k, v]) => [k, v.toString()])),
  }));
}

export const platformRoutes = createRouter().openapi(estimatePlatformRevenueLossRoute, (c) => {
  const body = c.req.valid('json');
  const { currency } = body.revenue;
  const { trafficProfile } = body;
  const input = {
    amount: body.revenue.amount,
    period: body.revenue.period,
    affectedShare: body.affectedShare,
    recapture: body.recapture,
    windows: body.outage.windows,
    trafficProfile,
    profileTimeZone: body.profileTimeZone,
  };
  admit(platformCostTerms(input.windows, trafficProfile !== 'even'), workLimit(c.env));
  const result = estimatePlatformLoss(input);
  const f = formatter(currency, body.options.rounding);
  const profiled = trafficProfile !== 'even';
  const answer = present(result, { ...input, profiled }, currency, f, body.options.explain);
  const { ref: outage } = body.outage;
  const { ref: revenue } = body.revenue;
  const prose = {
    ...input,
    result,
    currency,
    profiled,
    f,
    ...(outage ? { outage } : {}),
    ...(revenue ? { revenue } : {}),
  };
  return c.json(
    {
      ...answer,
      method: platformLossMethod(prose),
      caveats: platformLossCaveats(prose),
      ...(outage ? { outage: outageEcho(outage) } : {}),
      ...(revenue ? { revenue: revenueEcho(revenue) } : {}),
    },
    200,
  );
});
