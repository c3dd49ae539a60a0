import type Decimal from 'decimal.js';
import { D } from './decimal';
/**
 * Time zones without a time-zone library: offsets come from the runtime's IANA data through
 * Intl.DateTimeFormat, and are memoised per zone and UTC day, so that walking a year of hour buckets
 * costs about one Intl call a day plus a short bisection at each DST transition.
 *
 * Instants are integer epoch milliseconds: exact, and far below 2^53.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

interface Transition {
  at: number; // the first instant with the new offset
  offsetBefore: number;
  offsetAfter: number;
}

interface UtcDayInfo {
  offsetAtStart: number;
  offsetAtEnd: number;
  transitions: Transition[];
}

/**
 * Spellings received → the zone as Intl canonicalises it (`america/new_york` → `America/New_York`).
 * The caches below are keyed by the canonical zone, so 10,000 casings of one zone hold one formatter
 * and one set of days, not 10,000 (each formatter holds native memory). Bounded: cleared when full.
 */
const canonicalZones = new Map<string, string>();
const CANONICAL_ZONES_LIMIT = 1_000;

export function canonicalZone(zone: string): string {
  // Keyed case-insensitively, as Intl matches zone names: 10,000 casings make one Intl object, not 10,000.
  const key = zone.toLowerCase();
  let canonical = canonicalZones.get(key);
  if (canonical === undefined) {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    if (canonicalZones.size >= CANONICAL_ZONES_LIMIT) canonicalZones.clear();
    canonicalZones.set(key, canonical);
  }
  return canonical;
}

/** One formatter per canonical zone: a few hundred at most, the zones the runtime knows. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's UTC offset at an instant, in ms, straight from Intl (whole seconds). */
function intlOffset(zone: string, at: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(at)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  const wholeSecond = Math.floor(at / 1000) * 1000;
  return wall - wholeSecond;
}

/** Per zone, per UTC day index: the offset at the day's start and the transitions inside it. */
const dayCache = new Map<string, Map<number, UtcDayInfo>>();
const DAY_CACHE_LIMIT = 200_000;
let dayCacheSize = 0;

function utcDayInfo(spelling: string, dayIndex: number): UtcDayInfo {
  const zone = canonicalZone(spelling);
  let zoneDays = dayCache.get(zone);
  if (!zoneDays) {
    zoneDays = new Map();
    dayCache.set(zone, zoneDays);
  }
  const cached = zoneDays.get(dayIndex);
  if (cached) return cached;
  if (dayCacheSize >= DAY_CACHE_LIMIT) {
    dayCache.clear();
    dayCacheSize = 0;
    zoneDays = new Map();
    dayCache.set(zone, zoneDays);
  }
  const start = dayIndex * DAY_MS;
  // The offset at a UTC midnight is the next day's start offset too, so it is asked of Intl once.
  const offsetAtStart = zoneDays.get(dayIndex - 1)?.offsetAtEnd ?? intlOffset(zone, start);
  const offsetAtEnd = zoneDays.get(dayIndex + 1)?.offsetAtStart ?? intlOffset(zone, start + DAY_MS);
  const info: UtcDayInfo = { offsetAtStart, offsetAtEnd, transitions: [] };
  findTransitions(zone, start, offsetAtStart, start + DAY_MS, offsetAtEnd, info.transitions);
  zoneDays.set(dayIndex, info);
  dayCacheSize += 1;
  return info;
}

/**
 * Finds the offset change in (lo, hi] by bisection to the second. One UTC day holds at most one
 * change: no IANA zone has changed its offset twice within 24 hours since 1970.
 */
function findTransitions(zone: string, lo: number, offLo: number, hi: number, offHi: number, out: Transition[]): void {
  if (offLo === offHi) return;
  let a = lo; // offset at a is offLo
  let b = hi; // offset at b is offHi
  while (b - a > 1000) {
    const m = a + Math.floor((b - a) / 2000) * 1000;
    if (intlOffset(zone, m) === offLo) a = m;
    else b = m;
  }
  out.push({ at: b, offsetBefore: offLo, offsetAfter: offHi });
}

/** The zone's UTC offset in ms at an instant. */
export function offsetAt(zone: string, at: number): number {
  const info = utcDayInfo(zone, Math.floor(at / DAY_MS));
  let offset = info.offsetAtStart;
  for (const t of info.transitions) if (t.at <= at) offset = t.offsetAfter;
  return offset;
}

/** The transitions in [from, to), in order. */
export function transitionsBetween(zone: string, from: number, to: number): Transition[] {
  const out: Transition[] = [];
  // A day's list holds the transitions in (its start, its end]: one at a UTC midnight is the day before's.
  for (let day = Math.floor(from / DAY_MS) - 1; day * DAY_MS < to; day++) {
    for (const t of utcDayInfo(zone, day).transitions) if (t.at >= from && t.at < to) out.push(t);
  }
  return out;
}

/** Local wall-clock time as if it were UTC, in ms ("local epoch"). */
export function localEpoch(fields: LocalDateTime): number {
  const ms = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    fields.millisecond,
  );
  // Date.UTC maps years 0-99 to 1900-1999; our parser never produces them, but be exact anyway.
  return fields.year < 100 ? new Date(ms).setUTCFullYear(fields.year) : ms;
}

export type WallClockResult =
  | { kind: 'unique'; instant: number }
  | { kind: 'gap'; firstInstantAfter: number; offsetBefore: number; offsetAfter: number }
  | { kind: 'fold'; earlier: number; later: number };

/** Every instant whose local time in `zone` is the given local epoch: none (a DST gap), one, or two (a fold). */
export function resolveWallClock(zone: string, local: number): WallClockResult {
  const nearby = transitionsBetween(zone, local - 2 * DAY_MS, local + 2 * DAY_MS);
  const candidates = new Set<number>([offsetAt(zone, local - 2 * DAY_MS)]);
  for (const t of nearby) candidates.add(t.offsetAfter);
  const instants = [...candidates]
    .map((offset) => local - offset)
    .filter((instant) => offsetAt(zone, instant) === local - instant)
    .sort((a, b) => a - b);
  if (instants.length === 1) return { kind: 'unique', instant: instants[0] as number };
  if (instants.length >= 2)
    return { kind: 'fold', earlier: instants[0] as number, later: instants[instants.length - 1] as number };
  // A gap: the local time was skipped; the first instant after it is the transition that skipped it.
  const skipping = nearby.find((t) => t.at + t.offsetBefore <= local && local < t.at + t.offsetAfter);
  if (!skipping) throw new Error(`no instant and no transition for local ${local} in ${zone}`);
  return {
    kind: 'gap',
    firstInstantAfter: skipping.at,
    offsetBefore: skipping.offsetBefore,
    offsetAfter: skipping.offsetAfter,
  };
}

/**
 * The first instant at or after a local wall-clock time: the instant itself, the earlier of a fold,
 * or the end of a gap. Used for period boundaries (local midnight can be skipped, as in Santiago).
 */
export function startOfLocal(zone: string, local: number): number {
  const r = resolveWallClock(zone, local);
  return r.kind === 'unique' ? r.instant : r.kind === 'fold' ? r.earlier : r.firstInstantAfter;
}

/** Local epoch of an instant in a zone. */
export function toLocal(zone: string, instant: number): number {
  return instant + offsetAt(zone, instant);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})?$/;

export type ParsedTimestamp = { kind: 'absolute'; instant: number } | { kind: 'local'; local: number };

/**
 * Parses an RFC 3339 timestamp. With `Z` or an offset it is an instant; without, a wall-clock time.
 * Seconds may be left out; a fraction of a second may have up to 9 digits (Python's isoformat gives
 * 6), and is cut to the millisecond: instants are kept in whole milliseconds, and a budget spends
 * nothing that matters in a microsecond. Years 1970-2200.
 */
export function parseTimestamp(text: string): ParsedTimestamp | { error: string } {
  const m = RFC3339.exec(text);
  if (!m)
    return {
      error:
        'must be an RFC 3339 timestamp such as "2021-10-04T15:39:00Z", ' +
        '"2021-10-04T11:39:00-04:00" or "2021-10-04T11:39:00"',
    };
  const [, y, mo, d, h, mi, s, frac, zoneText] = m;
  const fields: LocalDateTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s ?? '0'),
    millisecond: Number((frac ?? '0').slice(0, 3).padEnd(3, '0')),
  };
  if (fields.year < 1970 || fields.year > 2200) return { error: 'must have a year from 1970 to 2200' };
  if (fields.month < 1 || fields.month > 12) return { error: 'has a month outside 01-12' };
  if (fields.day < 1 || fields.day > daysInMonth(fields.year, fields.month))
    return { error: `has no day ${d} in ${y}-${mo}` };
  if (fields.hour > 23 || fields.minute > 59 || fields.second > 59)
    return { error: 'has a time of day outside 00:00:00-23:59:59' };
  const local = localEpoch(fields);
  if (zoneText === undefined) return { kind: 'local', local };
  if (zoneText === 'Z' || zoneText === 'z') return { kind: 'absolute', instant: local };
  const sign = zoneText.startsWith('-') ? -1 : 1;
  const oh = Number(zoneText.slice(1, 3));
  const om = Number(zoneText.slice(4, 6));
  if (oh > 23 || om > 59) return { error: 'has an offset outside -23:59..+23:59' };
  return { kind: 'absolute', instant: local - sign * (oh * HOUR_MS + om * MINUTE_MS) };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Resolves a timestamp to an instant, reading a wall-clock time in `zone`. A wall-clock time that
 * does not exist or occurs twice there is an error: we never guess which instant was meant.
 */
export function timestampToInstant(text: string, zone: string): { instant: number } | { error: string } {
  const parsed = parseTimestamp(text);
  if ('error' in parsed) return parsed;
  if (parsed.kind === 'absolute') return { instant: parsed.instant };
  const r = resolveWallClock(zone, parsed.local);
  if (r.kind === 'unique') return { instant: r.instant };
  if (r.kind === 'gap') {
    return {
      error:
        `does not exist in ${zone}: the clocks jump from ${formatOffset(r.offsetBefore)} to ` +
        `${formatOffset(r.offsetAfter)} over it; give the instant meant with an explicit offset or Z`,
    };
  }
  return {
    error:
      `occurs twice in ${zone} (the clocks repeat it when daylight saving time ends); ` +
      `give an explicit offset: "${text}${formatOffset(offsetAt(zone, r.earlier))}" for ` +
      `the first or "${text}${formatOffset(offsetAt(zone, r.later))}" for the second`,
  };
}

export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.abs(offsetMs) / MINUTE_MS;
  return `${sign}${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** An instant as an RFC 3339 UTC timestamp (`2021-10-04T15:39:00Z`, milliseconds only when present). */
export function formatInstant(instant: number): string {
  const iso = new Date(instant).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Monday = 0 … Sunday = 6, of a local epoch. 1970-01-01 was a Thursday. */
export function localWeekday(local: number): number {
  return (((Math.floor(local / DAY_MS) + 3) % 7) + 7) % 7;
}

/** Hour of day 0-23 of a local epoch. */
export function localHour(local: number): number {
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

const minutesOfSpans = new WeakMap<readonly { start: number; end: number }[], Decimal>();

/**
 * Σ (end − start) of half-open spans, in minutes; memoised per list, since every campaign of a request shares its
 * outage.
 */
export function minutesOf(spans: readonly { start: number; end: number }[]): Decimal {
  let minutes = minutesOfSpans.get(spans);
  if (!minutes) {
    minutes = new D(spans.reduce((ms, s) => ms + (s.end - s.start), 0)).dividedBy(MINUTE_MS);
    minutesOfSpans.set(spans, minutes);
  }
  return minutes;
}
