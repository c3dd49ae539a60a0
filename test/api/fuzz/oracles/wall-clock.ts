import { DAY, HOUR } from '../arbitraries/time';

// Which instants a wall-clock time names, by Intl rather than by the engine's time code.

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** A zone's UTC offset at an instant, from Intl (the oracle, apart from the engine's own bookkeeping). */
export function zoneOffset(zone: string, t: number): number {
  let f = offsetFormats.get(zone);
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
    offsetFormats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, Number(x.value)]));
  return (
    Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000
  );
}

/** Every instant whose wall-clock time in `zone` is `local`: none in a gap, two in a fold. */
export function instantsOf(zone: string, local: number): number[] {
  const offsets = new Set([-DAY, -3 * HOUR, 0, 3 * HOUR, DAY].map((d) => zoneOffset(zone, local + d)));
  return [...offsets].map((o) => local - o).filter((t) => zoneOffset(zone, t) === local - t);
}
