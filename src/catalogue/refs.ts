import { type CatalogueOutage, OUTAGES } from './outages';
import { META_REVENUE, type RevenueKind, type RevenuePeriodEntry } from './revenue';
import { compareCodeUnits } from '../engine/intl-free';

/**
 * Looking things up in the catalogue by reference: `meta-2021-10-04` for an outage, and
 * `meta:2021-Q4:advertising` for a revenue figure. Refs are case-sensitive so that one outage has one
 * spelling in every answer, permalink and spreadsheet; a ref in the wrong case is refused with the right
 * spelling, never silently matched.
 */

export const OUTAGE_IDS: readonly string[] = OUTAGES.map((o) => o.id);

/** Platforms with revenue figures in the catalogue, by the name used in paths and refs. */
export const REVENUE_BY_PLATFORM: Readonly<Record<string, readonly RevenuePeriodEntry[]>> = { meta: META_REVENUE };

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: string };

const list = (items: readonly string[]) => items.join(', ');

/**
 * The catalogue outage an id names, or why none does (the message lists the known ids). The import
 * endpoint's `outage=` query parameter and the JSON `{ "ref" }` form both come through here.
 */
export function resolveOutageRef(id: string): Resolved<CatalogueOutage> {
  const outage = OUTAGES.find((o) => o.id === id);
  if (outage) return { ok: true, value: outage };
  const other = OUTAGES.find((o) => o.id.toLowerCase() === id.trim().toLowerCase());
  if (other)
    return {
      ok: false,
      error: `must be written "${other.id}" (ids are lower case); known outages: ${list(OUTAGE_IDS)}`,
    };
  return {
    ok: false,
    error:
      `${JSON.stringify(id)} is not an outage in the catalogue; ` +
      `known outages: ${list(OUTAGE_IDS)} (GET /v1/outages)`,
  };
}

/** The windows of a catalogue outage as instants (milliseconds since the epoch), in order. */
export function outageWindowInstants(outage: CatalogueOutage): { start: number; end: number }[] {
  return outage.windows.map((w) => ({ start: Date.parse(w.start), end: Date.parse(w.end) }));
}

export interface RevenueRef {
  ref: string;
  entry: RevenuePeriodEntry;
  kind: RevenueKind;
  amount: string;
  asPublished: string;
}

const KINDS: readonly RevenueKind[] = ['total', 'advertising'];

/** Every revenue ref that can be used: confirmed figures only. */
export function revenueRefs(): string[] {
  return Object.entries(REVENUE_BY_PLATFORM).flatMap(([platform, entries]) =>
    entries.flatMap((e) => KINDS.filter((k) => e[k].status === 'confirmed').map((k) => `${platform}:${e.period}:${k}`)),
  );
}

/** The figure a revenue ref names (`meta:2021-Q4:advertising`), or why none can be used. */
export function resolveRevenueRef(ref: string): Resolved<RevenueRef> {
  const valid = () => `valid refs: ${list(revenueRefs())} (GET /v1/platforms/meta/revenue)`;
  const [platform = '', period = '', kind = '', ...rest] = ref.split(':');
  const entries = REVENUE_BY_PLATFORM[platform];
  const entry = entries?.find((e) => e.period === period);
  if (!entries || !entry || rest.length > 0 || !KINDS.includes(kind as RevenueKind)) {
    const exact = revenueRefs().find((r) => r.toLowerCase() === ref.trim().toLowerCase());
    if (exact) return { ok: false, error: `must be written "${exact}" (refs are case-sensitive); ${valid()}` };
    return {
      ok: false,
      error: `${JSON.stringify(ref)} is not a revenue figure in the catalogue; give platform:period:kind, ${valid()}`,
    };
  }
  const figure = entry[kind as RevenueKind];
  if (figure.status === 'unconfirmed') {
    return { ok: false, error: `${ref} is marked unconfirmed in the catalogue: ${figure.reason} ${valid()}` };
  }
  return {
    ok: true,
    value: { ref, entry, kind: kind as RevenueKind, amount: figure.amount, asPublished: figure.asPublished },
  };
}

/** `2021-Q4` for an instant: the calendar quarter (UTC) it falls in. */
function quarterOf(instant: string): string {
  const date = new Date(instant);
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/**
 * The revenue quarters an outage links to: the quarter it fell in, and the last quarter whose results
 * were public before the day it began (what a journalist could have used that day). Null where the
 * catalogue has no such quarter. Refs without a kind: append `:total` or `:advertising`.
 */
export function revenueLinks(outage: CatalogueOutage): {
  containingQuarter: string | null;
  lastReportedBefore: string | null;
} {
  const entries = REVENUE_BY_PLATFORM[outage.platform] ?? [];
  const start = outage.windows[0]?.start ?? '';
  const quarters = entries.filter((e) => e.period.includes('-Q'));
  const containing = quarters.find((e) => e.period === quarterOf(start));
  // A release dated the day of the outage may have come out after it; only earlier days count.
  const before = quarters
    .filter((e) => e.publishedBy < start.slice(0, 10))
    .sort((a, b) => compareCodeUnits(a.publishedBy, b.publishedBy) || compareCodeUnits(a.period, b.period));
  const last = before[before.length - 1];
  return {
    containingQuarter: containing ? `${outage.platform}:${containing.period}` : null,
    lastReportedBefore: last ? `${outage.platform}:${last.period}` : null,
  };
}
