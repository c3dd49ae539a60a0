import { describe, expect, it } from 'vitest';
import { type HourBucket, hourBuckets } from '../../src/engine/buckets';
import {
  formatInstant,
  formatOffset,
  HOUR_MS,
  localHour,
  localWeekday,
  MINUTE_MS,
  offsetAt,
  parseTimestamp,
  resolveWallClock,
  startOfLocal,
  timestampToInstant,
  toLocal,
  transitionsBetween,
} from '../../src/engine/time';

// Every expected instant is worked out by hand in the comment next to it (local time − UTC offset = UTC),
// from the published IANA rules, never copied from the code's output.

const utc = (iso: string) => Date.parse(iso);

/** The local epoch of a naive timestamp ("wall-clock time as if it were UTC"). */
function local(text: string): number {
  const r = parseTimestamp(text);
  if (!('kind' in r) || r.kind !== 'local') throw new Error(`${text} is not a wall-clock time`);
  return r.local;
}

function instant(text: string, zone: string): string {
  const r = timestampToInstant(text, zone);
  return 'error' in r ? `error: ${r.error}` : formatInstant(r.instant);
}

/** One local calendar day of a zone as its hour buckets. */
function dayBuckets(zone: string, day: string, nextDay: string): HourBucket[] {
  return hourBuckets(zone, startOfLocal(zone, local(`${day}T00:00`)), startOfLocal(zone, local(`${nextDay}T00:00`)));
}

const span = (b: HourBucket) => `${formatInstant(b.start)}/${formatInstant(b.end)}`;
const minutes = (b: HourBucket) => (b.end - b.start) / MINUTE_MS;

describe('parseTimestamp', () => {
  it('reads Z and offsets as instants', () => {
    expect(parseTimestamp('2021-10-04T15:39:00Z')).toEqual({ kind: 'absolute', instant: utc('2021-10-04T15:39:00Z') });
    // 11:39 at −04:00 is 11:39 + 4 h = 15:39 UTC
    expect(parseTimestamp('2021-10-04T11:39:00-04:00')).toEqual({
      kind: 'absolute',
      instant: utc('2021-10-04T15:39:00Z'),
    });
    // 12:00 at +05:30 is 12:00 − 5:30 = 06:30 UTC; at +05:45 it is 06:15 UTC
    expect(parseTimestamp('2021-10-04T12:00:00+05:30')).toEqual({
      kind: 'absolute',
      instant: utc('2021-10-04T06:30:00Z'),
    });
    expect(parseTimestamp('2021-10-04T12:00:00+05:45')).toEqual({
      kind: 'absolute',
      instant: utc('2021-10-04T06:15:00Z'),
    });
    // RFC 3339's "-00:00" (offset unknown) still names the UTC instant
    expect(parseTimestamp('2021-10-04T11:39:00-00:00')).toEqual({
      kind: 'absolute',
      instant: utc('2021-10-04T11:39:00Z'),
    });
  });

  it('reads a timestamp without an offset as a wall-clock time', () => {
    expect(parseTimestamp('2021-10-04T11:39:00')).toEqual({ kind: 'local', local: utc('2021-10-04T11:39:00Z') });
  });

  it('accepts the RFC 3339 variants: lower-case t and z, a space for T, no seconds, milliseconds', () => {
    expect(parseTimestamp('2021-10-04t11:39z')).toEqual({ kind: 'absolute', instant: utc('2021-10-04T11:39:00Z') });
    expect(parseTimestamp('2021-10-04 11:39')).toEqual({ kind: 'local', local: utc('2021-10-04T11:39:00Z') });
    // ".5" is 500 ms, ".05" is 50 ms
    expect(parseTimestamp('2021-10-04T11:39:00.5Z')).toEqual({
      kind: 'absolute',
      instant: utc('2021-10-04T11:39:00.500Z'),
    });
    expect(parseTimestamp('2021-10-04T11:39:00.05Z')).toEqual({
      kind: 'absolute',
      instant: utc('2021-10-04T11:39:00.050Z'),
    });
  });

  it('knows leap years: 2020-02-29 exists, 2021-02-29 does not', () => {
    expect(parseTimestamp('2020-02-29T00:00:00Z')).toEqual({ kind: 'absolute', instant: utc('2020-02-29T00:00:00Z') });
    expect(parseTimestamp('2021-02-29T00:00:00')).toEqual({ error: 'has no day 29 in 2021-02' });
    expect(parseTimestamp('2021-04-31T00:00:00')).toEqual({ error: 'has no day 31 in 2021-04' });
  });

  const NOT_RFC3339 =
    'must be an RFC 3339 timestamp such as "2021-10-04T15:39:00Z", "2021-10-04T11:39:00-04:00" or "2021-10-04T11:39:00"';
  it('cuts a fraction of a second to the millisecond (Python isoformat gives microseconds)', () => {
    // 15:00:00.123456Z: 2021-10-04T15:00:00Z is 1,633,359,600,000 ms; + 123 ms (the 456 µs are cut) = 1,633,359,600,123.
    expect(parseTimestamp('2021-10-04T15:00:00.123456Z')).toEqual({ kind: 'absolute', instant: 1_633_359_600_123 });
    expect(parseTimestamp('2021-10-04T15:00:00.123456789Z')).toEqual({ kind: 'absolute', instant: 1_633_359_600_123 });
  });

  it.each([
    ['2021-10-04', NOT_RFC3339],
    ['yesterday', NOT_RFC3339],
    ['2021-10-04T11:39:00.1234567890Z', NOT_RFC3339],
    ['2021-10-04T11:39:00+0530', NOT_RFC3339],
    [' 2021-10-04T11:39:00Z', NOT_RFC3339],
    ['2021-10-04T11:39:00 Z', NOT_RFC3339],
    ['2021-10-4T11:39:00Z', NOT_RFC3339],
    ['', NOT_RFC3339],
    ['2021-13-01T00:00', 'has a month outside 01-12'],
    ['2021-00-10T00:00', 'has a month outside 01-12'],
    ['2021-10-00T00:00', 'has no day 00 in 2021-10'],
    ['2021-10-04T24:00:00', 'has a time of day outside 00:00:00-23:59:59'],
    ['2021-10-04T12:60:00', 'has a time of day outside 00:00:00-23:59:59'],
    ['2016-12-31T23:59:60Z', 'has a time of day outside 00:00:00-23:59:59'],
    ['1969-12-31T23:59:59Z', 'must have a year from 1970 to 2200'],
    ['2201-01-01T00:00:00Z', 'must have a year from 1970 to 2200'],
    ['2021-10-04T11:39:00+24:00', 'has an offset outside -23:59..+23:59'],
    ['2021-10-04T11:39:00+05:60', 'has an offset outside -23:59..+23:59'],
  ])('refuses %j: %s', (text, error) => {
    expect(parseTimestamp(text)).toEqual({ error });
  });
});

describe('wall-clock times in a time zone', () => {
  it('reads a naive time in the zone: 11:39 in New York in October (EDT, −04:00) is 15:39 UTC', () => {
    expect(instant('2021-10-04T11:39:00', 'America/New_York')).toBe('2021-10-04T15:39:00Z');
    // in January New York is on EST (−05:00): 11:39 + 5 h = 16:39 UTC
    expect(instant('2021-01-04T11:39:00', 'America/New_York')).toBe('2021-01-04T16:39:00Z');
  });

  it('uses half- and quarter-hour offsets: Kolkata +05:30, Kathmandu +05:45', () => {
    // 12:00 − 5:30 = 06:30 UTC; 12:00 − 5:45 = 06:15 UTC
    expect(instant('2021-10-04T12:00:00', 'Asia/Kolkata')).toBe('2021-10-04T06:30:00Z');
    expect(instant('2021-10-04T12:00:00', 'Asia/Kathmandu')).toBe('2021-10-04T06:15:00Z');
    expect(formatOffset(offsetAt('Asia/Kolkata', utc('2021-10-04T06:30:00Z')))).toBe('+05:30');
    expect(formatOffset(offsetAt('Asia/Kathmandu', utc('2021-10-04T06:15:00Z')))).toBe('+05:45');
  });

  it('ignores the zone for a timestamp with an offset', () => {
    expect(instant('2021-03-14T02:30:00-05:00', 'America/New_York')).toBe('2021-03-14T07:30:00Z');
    expect(instant('2021-11-07T01:30:00Z', 'America/New_York')).toBe('2021-11-07T01:30:00Z');
  });

  it('refuses a time skipped by DST (New York, 2021-03-14 02:30) and asks for an offset', () => {
    // At 02:00 EST (07:00 UTC) the clocks jumped to 03:00 EDT: 02:00-02:59 never happened
    expect(instant('2021-03-14T02:30:00', 'America/New_York')).toBe(
      'error: does not exist in America/New_York: the clocks jump from -05:00 to -04:00 over it; give the instant meant with an explicit offset or Z',
    );
    expect(instant('2021-03-14T02:00:00', 'America/New_York')).toMatch(/^error: does not exist/);
    // the last instant before and the first after the gap are fine: 01:59:59 EST = 06:59:59 UTC, 03:00 EDT = 07:00 UTC
    expect(instant('2021-03-14T01:59:59', 'America/New_York')).toBe('2021-03-14T06:59:59Z');
    expect(instant('2021-03-14T03:00:00', 'America/New_York')).toBe('2021-03-14T07:00:00Z');
  });

  it('refuses a time repeated by DST (New York, 2021-11-07 01:30) and offers both offsets', () => {
    // At 02:00 EDT (06:00 UTC) the clocks went back to 01:00 EST: 01:30 happened at 05:30 and at 06:30 UTC
    expect(instant('2021-11-07T01:30:00', 'America/New_York')).toBe(
      'error: occurs twice in America/New_York (the clocks repeat it when daylight saving time ends); give an explicit offset: "2021-11-07T01:30:00-04:00" for the first or "2021-11-07T01:30:00-05:00" for the second',
    );
    expect(resolveWallClock('America/New_York', local('2021-11-07T01:30'))).toEqual({
      kind: 'fold',
      earlier: utc('2021-11-07T05:30:00Z'),
      later: utc('2021-11-07T06:30:00Z'),
    });
    // 00:59 happens once (EDT: 04:59 UTC), and so does 02:00 (EST: 07:00 UTC)
    expect(instant('2021-11-07T00:59:00', 'America/New_York')).toBe('2021-11-07T04:59:00Z');
    expect(instant('2021-11-07T02:00:00', 'America/New_York')).toBe('2021-11-07T07:00:00Z');
  });

  it("handles Lord Howe's 30-minute DST shift", () => {
    // 2021-10-03 02:00 +10:30 → 02:30 +11:00, so 02:15 is skipped
    expect(instant('2021-10-03T02:15:00', 'Australia/Lord_Howe')).toBe(
      'error: does not exist in Australia/Lord_Howe: the clocks jump from +10:30 to +11:00 over it; give the instant meant with an explicit offset or Z',
    );
    // 2021-04-04 02:00 +11:00 → 01:30 +10:30, so 01:45 happens twice: 01:45 − 11:00 = 14:45 UTC the day before,
    // and 01:45 − 10:30 = 15:15 UTC
    expect(resolveWallClock('Australia/Lord_Howe', local('2021-04-04T01:45'))).toEqual({
      kind: 'fold',
      earlier: utc('2021-04-03T14:45:00Z'),
      later: utc('2021-04-03T15:15:00Z'),
    });
  });

  it("refuses a local midnight that Santiago skips, and startOfLocal gives the day's first instant", () => {
    // Chile moved its clocks from 2021-09-05 00:00 −04:00 to 01:00 −03:00, at 04:00 UTC
    expect(instant('2021-09-05T00:00:00', 'America/Santiago')).toBe(
      'error: does not exist in America/Santiago: the clocks jump from -04:00 to -03:00 over it; give the instant meant with an explicit offset or Z',
    );
    expect(formatInstant(startOfLocal('America/Santiago', local('2021-09-05T00:00')))).toBe('2021-09-05T04:00:00Z');
    // an ordinary midnight is just that instant: 2021-09-06 00:00 −03:00 = 03:00 UTC
    expect(formatInstant(startOfLocal('America/Santiago', local('2021-09-06T00:00')))).toBe('2021-09-06T03:00:00Z');
    // in a fold startOfLocal takes the earlier instant: 01:00 EDT = 05:00 UTC
    expect(formatInstant(startOfLocal('America/New_York', local('2021-11-07T01:00')))).toBe('2021-11-07T05:00:00Z');
  });

  it('handles a whole skipped day: Samoa went from 2011-12-29 to 2011-12-31', () => {
    // Apia moved from −10:00 to +14:00 at 2011-12-30 00:00 local (10:00 UTC)
    expect(instant('2011-12-30T12:00:00', 'Pacific/Apia')).toBe(
      'error: does not exist in Pacific/Apia: the clocks jump from -10:00 to +14:00 over it; give the instant meant with an explicit offset or Z',
    );
    // 2011-12-29 12:00 −10:00 = 22:00 UTC; 2011-12-31 12:00 +14:00 = 2011-12-30 22:00 UTC
    expect(instant('2011-12-29T12:00:00', 'Pacific/Apia')).toBe('2011-12-29T22:00:00Z');
    expect(instant('2011-12-31T12:00:00', 'Pacific/Apia')).toBe('2011-12-30T22:00:00Z');
  });
});

describe('offsets and transitions', () => {
  it("lists New York's two 2021 transitions as real instants", () => {
    // 2021-03-14 02:00 EST = 07:00 UTC; 2021-11-07 02:00 EDT = 06:00 UTC
    const ts = transitionsBetween('America/New_York', utc('2021-01-01T00:00:00Z'), utc('2022-01-01T00:00:00Z'));
    expect(ts.map((t) => [formatInstant(t.at), formatOffset(t.offsetBefore), formatOffset(t.offsetAfter)])).toEqual([
      ['2021-03-14T07:00:00Z', '-05:00', '-04:00'],
      ['2021-11-07T06:00:00Z', '-04:00', '-05:00'],
    ]);
  });

  it('finds a transition at exactly a UTC midnight when the range starts at it', () => {
    // Morocco went from +00:00 to +01:00 at 2011-04-03 00:00 UTC (02:00 → 03:00 in the tz database's
    // rule "Morocco 2011 Apr 3 0:00"); the range [that instant, +1 ms) must contain it
    const at = utc('2011-04-03T00:00:00Z');
    const ts = transitionsBetween('Africa/Casablanca', at, at + 1);
    expect(ts.map((t) => [formatInstant(t.at), formatOffset(t.offsetBefore), formatOffset(t.offsetAfter)])).toEqual([
      ['2011-04-03T00:00:00Z', '+00:00', '+01:00'],
    ]);
    // half-open: a range ending at the transition does not contain it
    expect(transitionsBetween('Africa/Casablanca', at - HOUR_MS, at)).toEqual([]);
  });

  it('switches offset exactly at the transition instant', () => {
    const at = utc('2021-03-14T07:00:00Z');
    expect(formatOffset(offsetAt('America/New_York', at - 1))).toBe('-05:00');
    expect(formatOffset(offsetAt('America/New_York', at))).toBe('-04:00');
  });

  it('gives the local weekday and hour of an instant', () => {
    // 2021-10-04 15:39 UTC is 11:39 EDT on Monday 4 October 2021
    const l = toLocal('America/New_York', utc('2021-10-04T15:39:00Z'));
    expect(formatInstant(l)).toBe('2021-10-04T11:39:00Z');
    expect(localWeekday(l)).toBe(0);
    expect(localHour(l)).toBe(11);
    // 2021-10-10 was a Sunday (6 days after Monday the 4th)
    expect(localWeekday(local('2021-10-10T23:59'))).toBe(6);
  });

  it('formats instants as UTC RFC 3339, with milliseconds only when present', () => {
    expect(formatInstant(utc('2021-10-04T15:39:00Z'))).toBe('2021-10-04T15:39:00Z');
    expect(formatInstant(utc('2021-10-04T15:39:00.250Z'))).toBe('2021-10-04T15:39:00.250Z');
    expect(formatOffset(-(4 * HOUR_MS))).toBe('-04:00');
    expect(formatOffset(5 * HOUR_MS + 45 * MINUTE_MS)).toBe('+05:45');
    expect(formatOffset(0)).toBe('+00:00');
  });
});

describe('hourBuckets: local clock hours as real instants', () => {
  it('gives a 23-hour New York day 23 buckets, with no 02:00', () => {
    // 2021-03-14: midnight EST = 05:00 UTC; next midnight EDT = 2021-03-15 04:00 UTC; 23 hours apart
    const buckets = dayBuckets('America/New_York', '2021-03-14', '2021-03-15');
    expect(buckets).toHaveLength(23);
    expect(buckets.map((b) => b.hourOfDay)).toEqual([0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)]);
    expect(buckets.every((b) => minutes(b) === 60)).toBe(true);
    expect(formatInstant(buckets[0]!.start)).toBe('2021-03-14T05:00:00Z');
    // 01:00 EST = 06:00 UTC, then 03:00 EDT = 07:00 UTC
    expect(span(buckets[1]!)).toBe('2021-03-14T06:00:00Z/2021-03-14T07:00:00Z');
    expect(span(buckets[2]!)).toBe('2021-03-14T07:00:00Z/2021-03-14T08:00:00Z');
    expect(formatInstant(buckets[22]!.end)).toBe('2021-03-15T04:00:00Z');
    // Sunday
    expect(buckets.every((b) => b.weekday === 6)).toBe(true);
  });

  it('gives a 25-hour New York day 25 buckets, with 01:00 twice', () => {
    // 2021-11-07: midnight EDT = 04:00 UTC; next midnight EST = 2021-11-08 05:00 UTC; 25 hours apart
    const buckets = dayBuckets('America/New_York', '2021-11-07', '2021-11-08');
    expect(buckets).toHaveLength(25);
    expect(buckets.map((b) => b.hourOfDay)).toEqual([0, 1, 1, ...Array.from({ length: 22 }, (_, i) => i + 2)]);
    // the first 01:00 is EDT (05:00 UTC), the second EST (06:00 UTC)
    expect(span(buckets[1]!)).toBe('2021-11-07T05:00:00Z/2021-11-07T06:00:00Z');
    expect(span(buckets[2]!)).toBe('2021-11-07T06:00:00Z/2021-11-07T07:00:00Z');
    expect(formatInstant(buckets[24]!.end)).toBe('2021-11-08T05:00:00Z');
  });

  it('gives a 24-hour day 24 contiguous one-hour buckets', () => {
    const buckets = dayBuckets('America/New_York', '2021-10-04', '2021-10-05');
    expect(buckets).toHaveLength(24);
    buckets.forEach((b, i) => {
      expect(b.hourOfDay).toBe(i);
      if (i > 0) expect(b.start).toBe(buckets[i - 1]!.end);
    });
  });

  it("cuts Lord Howe's 02:00 hour to 30 minutes when DST starts (a 23.5-hour day)", () => {
    // 2021-10-03: 00:00 +10:30 = 2021-10-02 13:30 UTC; the clocks go 02:00 +10:30 (15:30 UTC) → 02:30 +11:00;
    // the day ends at 2021-10-04 00:00 +11:00 = 2021-10-03 13:00 UTC: 23.5 hours in 24 buckets
    const buckets = dayBuckets('Australia/Lord_Howe', '2021-10-03', '2021-10-04');
    expect(buckets).toHaveLength(24);
    expect(buckets.map((b) => b.hourOfDay)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(span(buckets[1]!)).toBe('2021-10-02T14:30:00Z/2021-10-02T15:30:00Z');
    // 02:30-03:00 +11:00 = 15:30-16:00 UTC
    expect(span(buckets[2]!)).toBe('2021-10-02T15:30:00Z/2021-10-02T16:00:00Z');
    expect(minutes(buckets[2]!)).toBe(30);
    expect(buckets.reduce((total, b) => total + minutes(b), 0)).toBe(23.5 * 60);
  });

  it("repeats half of Lord Howe's 01:00 hour when DST ends (a 24.5-hour day)", () => {
    // 2021-04-04: 00:00 +11:00 = 2021-04-03 13:00 UTC; at 02:00 +11:00 (15:00 UTC) the clocks go back to 01:30 +10:30;
    // the day ends at 2021-04-05 00:00 +10:30 = 2021-04-04 13:30 UTC: 24.5 hours in 25 buckets
    const buckets = dayBuckets('Australia/Lord_Howe', '2021-04-04', '2021-04-05');
    expect(buckets).toHaveLength(25);
    expect(buckets.map((b) => b.hourOfDay)).toEqual([0, 1, 1, ...Array.from({ length: 22 }, (_, i) => i + 2)]);
    // 01:00-02:00 +11:00 = 14:00-15:00 UTC, then 01:30-02:00 +10:30 = 15:00-15:30 UTC
    expect(span(buckets[1]!)).toBe('2021-04-03T14:00:00Z/2021-04-03T15:00:00Z');
    expect(span(buckets[2]!)).toBe('2021-04-03T15:00:00Z/2021-04-03T15:30:00Z');
    expect(buckets.reduce((total, b) => total + minutes(b), 0)).toBe(24.5 * 60);
  });

  it('starts a Santiago day whose midnight is skipped at 01:00 (a 23-hour day)', () => {
    // 2021-09-05 begins at 01:00 −03:00 = 04:00 UTC and ends at 2021-09-06 00:00 −03:00 = 03:00 UTC: 23 hours
    const buckets = dayBuckets('America/Santiago', '2021-09-05', '2021-09-06');
    expect(buckets).toHaveLength(23);
    expect(buckets[0]!.hourOfDay).toBe(1);
    expect(span(buckets[0]!)).toBe('2021-09-05T04:00:00Z/2021-09-05T05:00:00Z');
    expect(formatInstant(buckets[22]!.end)).toBe('2021-09-06T03:00:00Z');
  });

  it('puts bucket boundaries at :15 UTC in Kathmandu and :30 in Kolkata', () => {
    // 2021-10-04 00:00 +05:45 = 2021-10-03 18:15 UTC
    const kathmandu = dayBuckets('Asia/Kathmandu', '2021-10-04', '2021-10-05');
    expect(kathmandu).toHaveLength(24);
    expect(span(kathmandu[0]!)).toBe('2021-10-03T18:15:00Z/2021-10-03T19:15:00Z');
    // 2021-10-04 00:00 +05:30 = 2021-10-03 18:30 UTC
    const kolkata = dayBuckets('Asia/Kolkata', '2021-10-04', '2021-10-05');
    expect(span(kolkata[0]!)).toBe('2021-10-03T18:30:00Z/2021-10-03T19:30:00Z');
  });

  it('returns whole buckets that overlap a window that does not start on the hour', () => {
    // 15:39-17:05 UTC touches the hours 15, 16 and 17
    const buckets = hourBuckets('UTC', utc('2021-10-04T15:39:00Z'), utc('2021-10-04T17:05:00Z'));
    expect(buckets.map(span)).toEqual([
      '2021-10-04T15:00:00Z/2021-10-04T16:00:00Z',
      '2021-10-04T16:00:00Z/2021-10-04T17:00:00Z',
      '2021-10-04T17:00:00Z/2021-10-04T18:00:00Z',
    ]);
    // in Kathmandu the same window (21:24-22:50 local) touches 21:00 and 22:00 local = 15:15-17:15 UTC
    expect(hourBuckets('Asia/Kathmandu', utc('2021-10-04T15:39:00Z'), utc('2021-10-04T17:05:00Z')).map(span)).toEqual([
      '2021-10-04T15:15:00Z/2021-10-04T16:15:00Z',
      '2021-10-04T16:15:00Z/2021-10-04T17:15:00Z',
    ]);
  });

  it('returns nothing for an empty range', () => {
    const at = utc('2021-10-04T15:00:00Z');
    expect(hourBuckets('UTC', at, at)).toEqual([]);
  });
});
