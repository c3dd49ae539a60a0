import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import methodology from '../../docs/methodology.md?raw';
import readme from '../../README.md?raw';
import { app } from '../../src/app';

/**
 * Keeps the curl examples of the README and of docs/methodology.md real: every `curl` line of their shell
 * blocks that is followed by `# ` answer lines is sent to the app as
 * written (method, headers, body or file), and the `# …` lines after it must match the answer. In a
 * JSON answer every `"key":"value"` the README quotes must be in the answer (anywhere, since the README
 * shortens answers with `…`); in a text answer (CSV, a bare number) each shown line's pieces between `…`
 * must appear in that line of the answer, in order, and a line without `…` must be the line. An answer
 * that starts with a status (`422, …` or `422 {…}`) must have that status; any other, 200. An answer in
 * words must name only decimals the answer holds.
 */

const ROOT = new URL('../../', import.meta.url);

interface Example {
  command: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** `head -1` or `head -c N` after a pipe. */
  head?: { lines?: number; chars?: number };
  status: number;
  shown: string;
}

/** Splits a command as a POSIX shell would for the forms the README uses: '…', $'…', "…" and \ + newline. */
function words(command: string): string[] {
  const out: string[] = [];
  let word: string | null = null;
  const push = (text: string) => {
    word = (word ?? '') + text;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (c === '\\' && command[i + 1] === '\n') i++;
    else if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      push(command.slice(i + 1, end));
      i = end;
    } else if (c === '$' && command[i + 1] === "'") {
      const end = command.indexOf("'", i + 2);
      const escapes: Record<string, string> = { r: '\r', n: '\n', t: '\t', '\\': '\\', "'": "'" };
      push(command.slice(i + 2, end).replace(/\\(.)/g, (_, e: string) => escapes[e] ?? `\\${e}`));
      i = end;
    } else if (c === '"') {
      const end = command.indexOf('"', i + 1);
      push(command.slice(i + 1, end));
      i = end;
    } else push(c);
  }
  if (word !== null) out.push(word);
  return out;
}

/** The status an answer starts with (`422, Content-Type: …` or `422 {…}`), and the answer without it. */
function statusOf(shown: string): { status: number; shown: string } {
  const m = /^(\d{3})(?:, .*\n| )/.exec(shown);
  return m ? { status: Number(m[1]), shown: shown.slice(m[0].length) } : { status: 200, shown };
}

function parse(command: string, answer: string): Example | null {
  const [curl, ...rest] = words(command);
  if (curl !== 'curl') return null;
  const { status, shown } = statusOf(answer);
  const example: Example = { command, method: 'GET', url: '', headers: {}, status, shown };
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] as string;
    const next = () => rest[++i] as string;
    if (w === '-s') continue;
    if (w.startsWith('#')) break; // a shell comment to the end of the line
    if (w === '-sI') return null; // a HEAD whose headers are grepped: the web tests check them
    if (w === '-X') example.method = next();
    else if (w === '-H') {
      const [name, ...value] = next().split(':');
      example.headers[(name ?? '').trim().toLowerCase()] = value.join(':').trim();
    } else if (w === '-d' || w === '--data' || w === '--data-binary') {
      const data = next();
      example.body = data.startsWith('@') ? readFileSync(new URL(data.slice(1), ROOT)) : data;
      if (!rest.includes('-X')) example.method = 'POST';
    } else if (w === '|') {
      const [tool, flag, n] = rest.slice(i + 1);
      if (tool !== 'head') return null;
      example.head = flag === '-c' ? { chars: Number(n) } : { lines: Number(flag?.slice(1)) };
      break;
    } else if (w.startsWith('http')) example.url = w;
    else throw new Error(`a curl example uses ${w}, which this test does not read: ${command}`);
  }
  return example;
}

function examples(markdown: string): Example[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.flatMap((block) => {
    const found: Example[] = [];
    // A command runs from `curl` to its first `# ` answer line; the answer runs to the next non-`#` line.
    for (const m of block.matchAll(/^(curl [\s\S]*?)\n((?:# .*\n)+)/gm)) {
      const shown = (m[2] ?? '')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.slice(2))
        .join('\n');
      const example = parse(m[1] ?? '', shown);
      if (example) found.push(example);
    }
    return found;
  });
}

/** Every string-valued pair quoted; values shortened with … or holding escaped quotes are left out. */
function quotedPairs(shown: string): [string, string][] {
  return [...shown.matchAll(/"(\w+)":"([^"]*)"/g)]
    .map(([, key, value]) => [key ?? '', value ?? ''] as [string, string])
    .filter(([, value]) => !value.includes('…') && !value.endsWith('\\'));
}

/** Whether `key` holds `value` anywhere in the JSON. */
function holds(json: unknown, key: string, value: string): boolean {
  if (Array.isArray(json)) return json.some((item) => holds(item, key, value));
  if (json === null || typeof json !== 'object') return false;
  return Object.entries(json).some(([k, v]) => (k === key && v === value) || holds(v, key, value));
}

/** Whether each shown line's pieces between `…` appear, in order, in the same line of the answer. */
function showsLines(text: string, shown: string): boolean {
  const lines = text.split(/\r?\n/);
  return shown.split('\n').every((line, i) => {
    if (!line.includes('…')) return lines[i] === line;
    let from = 0;
    for (const piece of line.split('…')) {
      const at = (lines[i] ?? '').indexOf(piece, from);
      if (at < 0) return false;
      from = at + piece.length;
    }
    return true;
  });
}

describe("the README's curl examples", () => {
  const all = examples(readme);

  it('are all found: one or more for every endpoint the README shows', () => {
    expect(all.map((e) => `${e.method} ${new URL(e.url).pathname}`)).toEqual([
      'POST /v1/impact',
      'POST /v1/impact/import',
      'GET /v1/impact/template.csv',
      'POST /v1/impact/batch',
      'GET /v1/impact/value',
      'GET /v1/impact.csv',
      'POST /v1/platform-loss',
      'GET /v1/outages/meta-2021-10-04',
      'GET /v1/platforms/meta/revenue',
      'POST /v1/market-cap',
      'POST /v1/market-cap/event-study',
      'POST /mcp',
      'GET /health',
      'GET /openapi.json',
      'GET /problems/validation',
    ]);
  });

  // What the README's answers say, by hand:
  // - impact: 1,200 a day, even, over 15:39–21:05 UTC = 326 minutes: 1200 × 326 ÷ 1440 = 271.666… → 271.67
  //   planned and lost; recaptured 0.5 × 271.666… = 135.833… → 135.83 (the week's headroom is far
  //   larger); impressions 1000 × (271.666… − 135.833… ÷ 1.1) ÷ 9.5 = 15,598.086… → 15598.09; × 0.011 =
  //   171.58 clicks; × 0.03 = 5.147… → 5.15 conversions; × 72 = 370.61 revenue; × 0.4 = 148.24;
  //   135.83… − 148.24… = −12.41.
  // - import: 7,203.55 spent over February 2024 (29 days, 696 hours) is 7203.55 × 24 ÷ 696 = 248.398… →
  //   248.40 a day; the 139-minute outage takes 248.398… × 139 ÷ 1440 = 23.977… → 23.98.
  // - batch, value and CSV: 2,400 a day over 326 minutes is 2400 × 326 ÷ 1440 = 543.33, at 9.50 per
  //   thousand 1000 × 543.33… ÷ 9.5 = 57,192.98 impressions; 1,200 a day is 271.67 and 28,596.49.
  // - platform loss: Q4 2021 has 92 days = 2,208 hours; 32,640,000,000 ÷ 2208 = 14,782,608.695… →
  //   14782608.70 an hour; × 326 ÷ 60 = 80,318,840.579… → 80318840.58.
  // - market cap: (326.23 − 343.01) ÷ 343.01 = −4.891986 % → −4.8920; minus 1 × −1.30 % = −3.591986 % →
  //   −3.5920; 954,171,331,583.16 × −0.03591986 = −34,273,697,367.899 → −34273697367.90; the change
  //   954,171,331,583.16 × −16.78 ÷ 343.01 = −46,677,924,678.48. MCP: 100 shares × (9 − 10) = −100.00.
  // - revenue: Meta's Q4 2021 total 33,671 and advertising 32,640 (millions), as the catalogue sources them.
  // - event study: the synthetic series' figures are worked in test/unit/event-study.test.ts.
  it.each(cases(all))('%s %s answers what the README shows', answersAsShown);
});

describe("docs/methodology.md's curl examples", () => {
  const all = examples(methodology);

  it('are found: the 422, the campaign, uncertainty, platform loss, catalogue, market cap, event study and 413', () => {
    // The campaign and uncertainty examples are also checked in full by test/unit/impact-example.test.ts and
    // simulation.test.ts; the market-cap example's figures by test/unit/market-cap.test.ts.
    expect(all.map((e) => `${e.status} ${e.method} ${new URL(e.url).pathname}`)).toEqual([
      '422 POST /v1/market-cap',
      '200 POST /v1/impact',
      '200 POST /v1/impact',
      '200 POST /v1/platform-loss',
      '200 POST /v1/platform-loss',
      '200 POST /v1/market-cap',
      '200 POST /v1/market-cap/event-study',
      '413 POST /v1/impact',
    ]);
  });

  it.each(cases(all))('%s %s answers what the page shows', answersAsShown);
});

function cases(all: Example[]) {
  return all.map((e) => [e.method, e.url.replace('http://127.0.0.1:8787', ''), e] as const);
}

async function answersAsShown(_method: string, _path: string, example: Example): Promise<void> {
  const init: RequestInit = { method: example.method, headers: example.headers };
  if (example.body !== undefined) init.body = example.body;
  const res = await app.request(example.url, init);
  expect(res.status, example.command).toBe(example.status);
  let text = await res.text();
  if (example.head?.chars) text = text.slice(0, example.head.chars);
  if (example.head?.lines) text = text.split(/\r?\n/).slice(0, example.head.lines).join('\n');
  if (!(res.headers.get('content-type') ?? '').includes('json') || example.head) {
    expect(showsLines(text, example.shown), text.slice(0, 2000)).toBe(true);
    return;
  }
  if (!/^[{[]/.test(example.shown)) {
    // A summary in words ("lostRevenue 195.00; corners 96.00 to 384.00; …"): each decimal it names is
    // a decimal string of the answer.
    const decimals = example.shown.match(/-?\d+\.\d+/g) ?? [];
    expect(decimals.length).toBeGreaterThan(0);
    for (const d of decimals) expect(text, d).toContain(`"${d}"`);
    return;
  }
  const json: unknown = JSON.parse(text);
  const pairs = quotedPairs(example.shown);
  expect(pairs.length).toBeGreaterThan(0);
  for (const [key, value] of pairs) expect(holds(json, key, value), `"${key}":"${value}"`).toBe(true);
}
