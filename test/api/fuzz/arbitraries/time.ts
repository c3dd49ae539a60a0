import fc from 'fast-check';

// Time zones, instants and RFC 3339 text for generated outages and flights.

/** Zones with DST, a :45 offset (Kathmandu), a half-hour DST shift (Lord Howe), and none (UTC). */
export const ZONES = [
  'UTC',
  'America/New_York',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Kolkata',
  'America/Santiago',
] as const;
export const zone = fc.constantFrom(...ZONES);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Outages fall in 2020-2025, so they cross every kind of DST change of these zones. */
export const EPOCH = Date.UTC(2020, 0, 1);
/** The first and last instants a timestamp may name (years 1970 to 2200, written with `Z`). */
export const FIRST_INSTANT = Date.UTC(1970, 0, 1);
export const LAST_INSTANT = Date.UTC(2200, 11, 31, 23, 59, 59);

/**
 * An instant as an absolute RFC 3339 timestamp, with `Z` or a fixed offset (so never DST-ambiguous):
 * the same instant written as Nepal (+05:45), New York (−04:00), Lord Howe (+10:30) or Marquesas (−09:30) would.
 */
export const OFFSETS = [0, 345, -240, 630, -570] as const;
export function absolute(instant: number, offsetMinutes: number): string {
  const local = new Date(instant + offsetMinutes * MINUTE).toISOString();
  const text = local.endsWith('.000Z') ? local.slice(0, -5) : local.slice(0, -1);
  if (offsetMinutes === 0) return `${text}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const m = Math.abs(offsetMinutes);
  return `${text}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
