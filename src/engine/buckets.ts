import { HOUR_MS, localHour, localWeekday, offsetAt, transitionsBetween } from './time';

/**
 * A local clock hour of a zone as a span of real instants [start, end). Usually one hour long; shorter
 * where a DST transition cuts it (Lord Howe's half-hour shift), and never covering a skipped hour.
 */
export interface HourBucket {
  start: number;
  end: number;
  /** Local epoch of the bucket's wall-clock hour start (its local date and hour). */
  localStart: number;
  hourOfDay: number;
  /** Monday = 0 … Sunday = 6. */
  weekday: number;
}

/** Visits, in order, the local hour buckets of `zone` that overlap [from, to): whole buckets, unclipped. */
export function forEachHourBucket(zone: string, from: number, to: number, visit: (bucket: HourBucket) => void): void {
  const transitions = transitionsBetween(zone, from - HOUR_MS, to + HOUR_MS);
  let x = from;
  while (x < to) {
    const offset = offsetAt(zone, x);
    const localHourStart = Math.floor((x + offset) / HOUR_MS) * HOUR_MS;
    let start = localHourStart - offset;
    let end = localHourStart + HOUR_MS - offset;
    for (const t of transitions) {
      if (t.at > start && t.at <= x) start = t.at;
      if (t.at > x && t.at < end) end = t.at;
    }
    visit({
      start,
      end,
      localStart: localHourStart,
      hourOfDay: localHour(localHourStart),
      weekday: localWeekday(localHourStart),
    });
    x = end;
  }
}

/** The local hour buckets of `zone` that overlap [from, to), as a list. */
export function hourBuckets(zone: string, from: number, to: number): HourBucket[] {
  const buckets: HourBucket[] = [];
  forEachHourBucket(zone, from, to, (bucket) => buckets.push(bucket));
  return buckets;
}
