import { INPUT_COLUMNS } from '../../../../schemas/batch';
import { type CampaignModel, campaignJson, campaignModel, type Value } from './impact';
import { type OutageModel, outageJson, outageModel, type Span } from './outage';
import { absolute } from './time';

// Flat rows of the spreadsheet endpoints, and the same campaign as POST /v1/impact takes it.

export type FlatRow = Partial<Record<(typeof INPUT_COLUMNS)[number], string>>;

/** A campaign and its one-window outage as a flat row: ranges as low..high, weights separated by spaces. */
export function flatRow(c: CampaignModel, o: OutageModel): FlatRow {
  const cell = (v: Value | undefined) =>
    v === undefined ? undefined : typeof v === 'string' ? v : `${v.low}..${v.high}`;
  const w = o.spans[0] as Span;
  const row: FlatRow = {
    id: c.id,
    currency: c.currency,
    timeZone: c.timeZone,
    budgetAmount: c.amount,
    budgetPeriod: c.period,
    flightStart: c.flight?.start === undefined ? undefined : absolute(c.flight.start, 0),
    flightEnd: c.flight?.end === undefined ? undefined : absolute(c.flight.end, 345),
    deliveryProfile: c.profile === undefined ? undefined : c.profile === 'even' ? 'even' : c.profile.join(' '),
    ...Object.fromEntries(Object.entries(c.values).map(([k, v]) => [k, cell(v)])),
    recapture: cell(c.recovery?.recapture),
    overspendCap: c.recovery?.overspendCap,
    cpmPremium: cell(c.recovery?.cpmPremium),
    outageStart: absolute(w.start, o.offsets[0] ?? 0),
    outageEnd: absolute(w.end, o.offsets[1] ?? 0),
    outageTimeZone: o.timeZone,
    deliveryLoss: w.deliveryLoss,
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as FlatRow;
}

/** The same campaign as POST /v1/impact takes it, written independently of schemas/batch.ts. */
export function flatRowAsImpact(c: CampaignModel, o: OutageModel): Record<string, unknown> {
  const plain: CampaignModel = { ...c, values: { ...c.values }, styles: ['string'] };
  if (c.recovery) plain.recovery = { ...c.recovery };
  return { outage: outageJson({ ...o, spans: o.spans.slice(0, 1) }), campaigns: [campaignJson(plain)] };
}

export const oneWindowOutage = outageModel.map((o) => ({ ...o, spans: o.spans.slice(0, 1) }));
export const flatCase = oneWindowOutage.chain((o) => campaignModel(o, true).map((c) => ({ c, o, row: flatRow(c, o) })));

export function csvOf(rows: FlatRow[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v);
  return (
    [INPUT_COLUMNS.join(','), ...rows.map((r) => INPUT_COLUMNS.map((k) => quote(r[k] ?? '')).join(','))].join('\r\n') +
    '\r\n'
  );
}

export const queryOf = (row: FlatRow, extra: Record<string, string> = {}) =>
  new URLSearchParams({ ...row, ...extra } as Record<string, string>).toString();
