import type { Context } from 'hono';
import { accepts } from 'hono/accepts';

type MatchAccept = NonNullable<Parameters<typeof accepts>[1]['match']>;
/** One parsed entry of the header (type, params, q), as hono/accepts hands it to `match`; not exported by name. */
type Accept = Parameters<MatchAccept>[0][number];

const CSV = 'text/csv';
const JSON_TYPE = 'application/json';

/** The q-value (RFC 9110 section 12.5.1) Accept gives a media type: its own entry, else its range (`text/*`). */
function quality(entries: readonly Accept[], mediaType: string): number {
  const range = `${mediaType.split('/')[0]}/*`;
  const own = entries.find((e) => e.type === mediaType) ?? entries.find((e) => e.type === range);
  return own?.q ?? 0;
}

/**
 * Hono's default match takes the first type listed among equals, and answers a browser's `text/html, …,
 * *\/*;q=0.8` in the request's own format; this service compares the two q-values instead: the higher
 * wins, a tie keeps the request's format, and naming neither (nor a range of either) means JSON.
 */
const csvOrJson: MatchAccept = (parsed, config) => {
  const named = parsed.map((e) => ({ ...e, type: e.type.toLowerCase() })).filter((e) => e.type !== '*/*');
  if (named.length === 0) return config.default;
  const csv = quality(named, CSV);
  const json = quality(named, JSON_TYPE);
  if (csv === json) return csv > 0 ? config.default : JSON_TYPE;
  return csv > json ? CSV : JSON_TYPE;
};

/**
 * CSV when Accept prefers text/csv, JSON when it prefers application/json (or names only other
 * types); with no Accept, only a wildcard, or a tie, the answer takes the request's own format.
 */
export function wantsCsv(c: Context, requestWasCsv: boolean): boolean {
  const answer = accepts(c, {
    header: 'Accept',
    supports: [CSV, JSON_TYPE],
    default: requestWasCsv ? CSV : JSON_TYPE,
    match: csvOrJson,
  });
  return answer === CSV;
}
