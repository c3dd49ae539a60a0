import { describe, expect, it } from 'vitest';
import readme from '../../README.md?raw';
import { app } from '../../src/app';

/**
 * Keeps the README's curl examples real: each JSON example is sent to the app, and every `"key":"value"`
 * the README quotes in its answer must be in the answer (anywhere in it, since the README shortens answers
 * with `…`); a bare-number answer must be the answer. The figures themselves are worked by hand below.
 */

interface Example {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** The README's `# …` lines after the command, without the `# `. */
  shown: string;
}

const ORIGIN = 'http://127.0.0.1:8787';
const POST_JSON = new RegExp(
  String.raw`curl -s -X POST http://127\.0\.0\.1:8787(\S+) -H 'content-type: application/json'(?: \\\n\s*)? ` +
    String.raw`-d '([\s\S]*?)'\n((?:# .*\n)+)`,
  'g',
);
const GET = /curl -s '?http:\/\/127\.0\.0\.1:8787(\/[^\s']+)'?\n((?:# .*\n)+)/g;

const shownText = (lines: string) =>
  lines
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(2))
    .join('\n');

function examples(): Example[] {
  const post = [...readme.matchAll(POST_JSON)].map(
    ([, path, body, shown]): Example => ({ method: 'POST', path: path ?? '', body, shown: shownText(shown ?? '') }),
  );
  const get = [...readme.matchAll(GET)].map(
    ([, path, shown]): Example => ({ method: 'GET', path: path ?? '', shown: shownText(shown ?? '') }),
  );
  return [...post, ...get];
}

/** Every string-valued pair the README quotes; values it shortens with … are left out. */
function quotedPairs(shown: string): [string, string][] {
  return [...shown.matchAll(/"(\w+)":"([^"]*)"/g)]
    .map(([, key, value]) => [key ?? '', value ?? ''] as [string, string])
    .filter(([, value]) => !value.includes('…'));
}

/** Whether `key` holds `value` anywhere in the JSON. */
function holds(json: unknown, key: string, value: string): boolean {
  if (Array.isArray(json)) return json.some((item) => holds(item, key, value));
  if (json === null || typeof json !== 'object') return false;
  return Object.entries(json).some(([k, v]) => (k === key && v === value) || holds(v, key, value));
}

async function answer(example: Example): Promise<Response> {
  const init: RequestInit =
    example.method === 'POST'
      ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: example.body }
      : { method: 'GET' };
  return app.request(`${ORIGIN}${example.path}`, init);
}

describe("the README's curl examples", () => {
  const all = examples();

  it('are found: impact, platform loss, market cap, an outage, a cell value and health', () => {
    // The README shows these six with a JSON body or a URL alone (import, batch, event study and MCP send a
    // file, CSV or extra headers, and are checked by their own tests).
    expect(all.map((e) => e.path.split('?')[0])).toEqual([
      '/v1/impact',
      '/v1/platform-loss',
      '/v1/market-cap',
      '/v1/impact/value',
      '/v1/outages/meta-2021-10-04',
      '/health',
    ]);
  });

  // What the README's answers say, by hand:
  // - impact: 1,200 a day, even, over 15:39–21:05 UTC = 326 minutes: 1200 × 326 ÷ 1440 = 271.666… → 271.67
  //   planned and lost; recaptured 0.5 × 271.666… = 135.833… → 135.83 (the week's headroom is far
  //   larger); impressions 1000 × (271.666… − 135.833… ÷ 1.1) ÷ 9.5 = 15,598.086… → 15598.09; × 0.011 =
  //   171.58 clicks; × 0.03 = 5.147… → 5.15 conversions; × 72 = 370.61 revenue; × 0.4 = 148.24;
  //   135.83… − 148.24… = −12.41.
  // - platform loss: Q4 2021 has 92 days = 2,208 hours; 32,640,000,000 ÷ 2208 = 14,782,608.695… → 14782608.70
  //   an hour; × 326 ÷ 60 = 80,318,840.579… → 80318840.58.
  // - market cap: (326.23 − 343.01) ÷ 343.01 = −4.891986 % → −4.8920; minus 1 × −1.30 % = −3.591986 % →
  //   −3.5920; 954,171,331,583.16 × −0.03591986 = −34,273,697,367.899 → −34273697367.90; the change
  //   954,171,331,583.16 × −16.78 ÷ 343.01 = −46,677,924,678.48.
  // - value: 1,200 a day over 326 minutes is 271.666…, at 9.50 per thousand 1000 × 271.666… ÷ 9.5 =
  //   28,596.49 impressions.
  const cases = all.map((e) => [e.method, e.path, e] as const);
  it.each(cases)('%s %s answers what the README shows', async (_method, _path, example) => {
    const res = await answer(example);
    expect(res.status).toBe(200);
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json')) {
      expect(await res.text()).toBe(example.shown);
      return;
    }
    const json: unknown = await res.json();
    const pairs = quotedPairs(example.shown);
    expect(pairs.length).toBeGreaterThan(0);
    for (const [key, value] of pairs) expect(holds(json, key, value), `"${key}":"${value}"`).toBe(true);
  });
});
