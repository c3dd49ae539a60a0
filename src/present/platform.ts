import type Decimal from 'decimal.js';
import type { PlatformLossResponse } from '../../schemas/platform';
import { sum } from '../engine/decimal';
import type { PlatformLossResult } from '../engine/platform';
import type { Formatter } from '../engine/rounding';
import { formatInstant } from '../engine/time';

interface Step {
  metric: string;
  formula: string;
  inputs: Record<string, Decimal | number | string>;
  value: string;
}

/** The platform-loss answer without its method and caveats: every figure formatted, and the explain trace. */
export function presentPlatformLoss(
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
