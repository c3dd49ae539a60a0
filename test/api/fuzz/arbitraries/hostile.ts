import fc from 'fast-check';
import { INPUT_COLUMNS } from '../../../../schemas/batch';
import { impactJson, impactModel } from './impact';
import { marketCapJson, marketCapModel } from './market-cap';
import { platformJson, platformModel } from './platform';

// Hostile input: values for any field, unknown keys, the valid bodies to plant them in, spreadsheet cells.

/**
 * Values to put in place of any field, as raw JSON text (so that `1e400`, `-0` and 400-digit numbers reach
 * the Worker as written). `invalid` ones are wrong for every field of the three JSON endpoints; the others
 * (`-0`, `"\u0000"`, `{}`, …) are right for some fields, where a 200 is the right answer.
 */
export const HOSTILE_VALUES: { text: string; invalid?: true }[] = [
  { text: '1e400', invalid: true },
  { text: '-1e400', invalid: true },
  { text: '"1e400"' },
  { text: '"-1e400"' },
  { text: 'null', invalid: true },
  { text: '-0' },
  { text: '"-0"' },
  { text: '-0.0e-0' },
  { text: '"\\u0000"' },
  { text: '"12\\u00003"' },
  { text: '"9.50\\u0000"' },
  { text: '{"\\u0000":1}', invalid: true },
  { text: '9'.repeat(400), invalid: true },
  { text: `"${'9'.repeat(400)}"`, invalid: true },
  { text: `-${'9'.repeat(400)}`, invalid: true },
  { text: `0.${'0'.repeat(400)}1` },
  { text: `"0.${'0'.repeat(400)}1"` },
  { text: '"1e-999999"' },
  { text: '"1e-9000000000000000"' },
  { text: '"1e+9000000000000000"' },
  { text: '1e-320' },
  { text: `"${'9'.repeat(60)}"` },
  { text: '9'.repeat(60), invalid: true },
  { text: `"0.${'0'.repeat(61)}1"` },
  { text: '"NaN"' },
  { text: '"Infinity"' },
  { text: '"-Infinity"' },
  { text: '""' },
  { text: '"  "' },
  { text: '"0x1F"' },
  { text: '"1_000"' },
  { text: '"１２"' },
  { text: '"1e"' },
  { text: '"--1"' },
  { text: '"."' },
  { text: 'true' },
  { text: 'false' },
  { text: '[]' },
  { text: '{}' },
  { text: '[[[[[1]]]]]', invalid: true },
  { text: '"\\ud800"' },
  { text: '"2021-02-29T00:00:00Z"' },
  { text: '"2021-10-04T24:00:00Z"' },
  { text: '"2021-10-04T10:00:00+24:00"' },
  { text: '"10000-01-01T00:00:00Z"' },
  { text: '"+05:00"' },
  { text: '"Etc/GMT+5"' },
  { text: '"../../etc/passwd"' },
  { text: '"__proto__"' },
  { text: '"=HYPERLINK(\\"http://x\\")"' },
  { text: '{"low":"1","high":"1e400"}' },
  { text: '{"low":"-1","high":"1"}' },
  { text: '{"low":"1","high":"2","base":"3"}' },
  { text: '{"low":"1e-999999","high":"1"}' },
  { text: '{"quarter":"2021-Q2","year":2021}' },
  { text: `[${Array.from({ length: 24 }, () => '"1e-999999"').join(',')}]` },
  { text: `[${Array.from({ length: 168 }, () => '0').join(',')}]` },
  { text: `[${Array.from({ length: 24 }, () => '1e400').join(',')}]`, invalid: true },
];

export const PLACEHOLDER = '\u0001hostile\u0001';

/** Every path into a JSON value: the root, each key of each object and each index of each array. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

export function objectPathsOf(value: unknown): (string | number)[][] {
  return pathsOf(value).filter((p) => {
    const node = p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], value);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
}

/** The JSON text of `value` with the node at `path` replaced by raw JSON text. */
export function replacedAt(value: unknown, path: (string | number)[], raw: string): string {
  if (path.length === 0) return raw;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = PLACEHOLDER;
  return JSON.stringify(copy).replace(JSON.stringify(PLACEHOLDER), raw);
}

/** RFC 6901, to predict the pointer of an unknown key. */
export const pointerOf = (path: (string | number)[]) =>
  path.map((t) => `/${String(t).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Every field name of every request schema: a generated unknown key must not be one of them. */
export const KNOWN_KEYS = new Set(
  'outage campaigns options timeZone windows start end deliveryLoss id currency budget amount period flight deliveryProfile cpm ctr cpc cvr cpa aov roas grossMargin incrementality recovery recapture overspendCap cpmPremium pacingPeriod low base high explain timeline rounding revenue affectedShare trafficProfile profileTimeZone quarter year month days hours shareClasses name shares conversionRatio price before after changePercent benchmark beta holders revenueLoss rows'.split(
    ' ',
  ),
);
export const unknownKey = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom(
      'cmp',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      '',
      '\u0000',
      'a/b',
      '~',
      '~1',
      '~0/~1',
      'cpm\u0000',
      'CPM',
      ' cpm',
    ),
  )
  .filter((k) => !KNOWN_KEYS.has(k));

/** A valid body of each JSON endpoint, generated from the contract. */
export const validBodies = fc.oneof(
  impactModel(2).map((m) => ({ path: '/v1/impact', body: impactJson(m) })),
  platformModel.map((m) => ({ path: '/v1/platform-loss', body: platformJson(m) })),
  marketCapModel.map((m) => ({ path: '/v1/market-cap', body: marketCapJson(m) })),
);

/** Cells a spreadsheet might hold, good and bad. */
export const cellText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '1200',
    '9.50',
    '0.011',
    '1..2',
    '2..1',
    '..',
    '1..2..3',
    'even',
    '1 2 3',
    '-1',
    '1e400',
    '1e-999999',
    '9'.repeat(60),
    '9'.repeat(400),
    'NaN',
    'day',
    'hour',
    'lifetime',
    'UTC',
    'Asia/Kathmandu',
    'Mars/Olympus',
    '2021-10-04T10:00:00Z',
    '2021-10-04T11:00:00Z',
    '2021-03-14T02:30:00',
    '=1+1',
    '@SUM(A1)',
    '\u0000',
    '"',
    'a,b',
    'line\nbreak',
    '\uFEFF',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  HOSTILE_VALUES.map((h) => fc.constant(h.text)).reduce((a, b) => fc.oneof(a, b)),
);
export const columnName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INPUT_COLUMNS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);
