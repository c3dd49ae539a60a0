// Runs integrations/google-sheets/Code.gs as Apps Script would, against a running service:
// the file is loaded into a fresh V8 context (node:vm) with stand-ins for the Apps Script services it
// uses. UrlFetchApp.fetch makes a real, synchronous HTTP request (curl through execFileSync, since
// Apps Script's fetch blocks), so OUTAGE_IMPACT talks to the real service; its answers are compared
// with POST /v1/impact for the same campaigns. It also fetches the README's IMPORTDATA URLs.
//
// Usage: node test/e2e/apps-script.test.mjs http://127.0.0.1:8791
// Prints one "ok - …" or "not ok - …" line per check (counted by test/e2e/spreadsheets.sh).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const BASE = (process.argv[2] ?? 'http://127.0.0.1:8791').replace(/\/+$/, '');
const README_BASE = 'http://127.0.0.1:8787';
const root = new URL('../../', import.meta.url);
let failures = 0;
// A crash is reported as a failed check, so the runner counts it.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (err) => {
    console.log(`not ok - apps-script.test.mjs runs to the end: ${err?.stack ?? err}`);
    process.exit(1);
  });
}

function check(ok, description, detail = '') {
  if (ok) console.log(`ok - ${description}`);
  else {
    failures++;
    console.log(`not ok - ${description}${detail ? `: ${detail}` : ''}`);
  }
}

// --- Apps Script stand-ins -------------------------------------------------------------------------

const requests = [];

/** UrlFetchApp.fetch(url, params) as documented: method, contentType, headers, payload, muteHttpExceptions. */
function fetchSync(url, params = {}) {
  const method = (params.method ?? 'get').toUpperCase();
  const args = ['-sS', '-X', method, '-w', '\n%{http_code}', '--max-time', '60'];
  const headers = { ...(params.headers ?? {}) };
  if (params.contentType) headers['Content-Type'] = params.contentType;
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  if (params.payload !== undefined) args.push('--data-binary', '@-');
  args.push(url);
  requests.push({ url, method, headers, payload: params.payload });
  const raw = execFileSync('curl', args, { input: params.payload ?? '', maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  const cut = raw.lastIndexOf('\n');
  const body = raw.slice(0, cut);
  const status = Number(raw.slice(cut + 1));
  if (status >= 400 && !params.muteHttpExceptions)
    throw new Error(
      `Request failed for ${url} returned code ${status}. Truncated server response: ${body.slice(0, 200)}`,
    );
  return { getResponseCode: () => status, getContentText: () => body };
}

/** Utilities.formatDate for the one pattern Code.gs uses. */
function formatDate(date, timeZone, pattern) {
  if (pattern !== "yyyy-MM-dd'T'HH:mm:ss") throw new Error(`stand-in does not know the pattern ${pattern}`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

const SPREADSHEET_TIME_ZONE = 'America/New_York';
const context = vm.createContext({
  UrlFetchApp: { fetch: fetchSync },
  Utilities: { formatDate },
  SpreadsheetApp: { getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => SPREADSHEET_TIME_ZONE }) },
});
// The file as a user pastes it, with its documented base URL pointed at the service under test.
const code = readFileSync(new URL('integrations/google-sheets/Code.gs', root), 'utf8');
check(code.includes(`var API_BASE_URL = '${README_BASE}';`), 'Code.gs ships with the documented base URL');
vm.runInContext(code.replace(`var API_BASE_URL = '${README_BASE}';`, `var API_BASE_URL = '${BASE}';`), context, {
  filename: 'Code.gs',
});
const OUTAGE_IMPACT = context.OUTAGE_IMPACT;

// --- The JSON API, the reference -------------------------------------------------------------------

async function impact(outage, campaign) {
  const res = await fetch(`${BASE}/v1/impact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outage, campaigns: [campaign] }),
  });
  if (res.status !== 200) throw new Error(`POST /v1/impact answered ${res.status}: ${await res.text()}`);
  return (await res.json()).campaigns[0];
}

const RESULTS = [
  'plannedSpend',
  'lostSpend',
  'recapturedSpend',
  'netLostSpend',
  'lostImpressions',
  'lostClicks',
  'lostConversions',
  'lostRevenue',
  'lostGrossProfit',
  'netContributionChange',
];
// The metrics a range can move; each has a Low and a High column after RESULTS, then comes `error`.
const RANGED = [
  'recapturedSpend',
  'netLostSpend',
  'lostImpressions',
  'lostClicks',
  'lostConversions',
  'lostRevenue',
  'lostGrossProfit',
  'netContributionChange',
];
const COLUMNS = [...RESULTS, ...RANGED.flatMap((m) => [`${m}Low`, `${m}High`])];
const ERROR = COLUMNS.length;

/** A result column's value in POST /v1/impact's campaign: `<metric>Low`/`High` from `ranges`, or the metric itself without a range. */
function expectedValue(campaign, column) {
  const end = /(Low|High)$/.exec(column);
  if (!end) return campaign[column];
  const metric = column.slice(0, -end[1].length);
  if (!campaign.ranges) return campaign[metric];
  return campaign.ranges[metric]?.[end[1].toLowerCase()] ?? null;
}

// --- A sheet range, as Sheets hands it to a custom function ---------------------------------------

// 2021-10-04 11:39 in the spreadsheet's zone (New York, UTC−4 that day) is 15:39Z: a date cell.
const outageStartCell = new Date(Date.UTC(2021, 9, 4, 15, 39));
const header = [
  'id',
  'budgetAmount',
  'budgetPeriod',
  'timeZone',
  'cpm',
  'ctr',
  'cvr',
  'aov',
  'grossMargin',
  'recapture',
  'cpmPremium',
  'outageStart',
  'outageEnd',
  'outageTimeZone',
  '',
];
const range = [
  header,
  [
    'fall-sale',
    1200,
    'day',
    'America/Los_Angeles',
    9.5,
    0.011,
    0.03,
    72,
    0.4,
    0.5,
    0.1,
    outageStartCell,
    '2021-10-04T17:05:00',
    'America/New_York',
    'a note',
  ],
  ['utc-cpc', 2400, 'day', '', 9.5, '', '', '', '', '', '', '2021-10-04T10:00:00Z', '2021-10-04T13:00:00Z', '', ''],
  ['', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['ctr-two', 2400, 'day', '', 9.5, 2, '', '', '', '', '', '2021-10-04T10:00:00Z', '2021-10-04T13:00:00Z', '', ''],
  [
    '=HYPERLINK("http://x","y")',
    2400,
    'day',
    '',
    9.5,
    '',
    '',
    '',
    '',
    '',
    '',
    '2021-10-04T10:00:00Z',
    '2021-10-04T13:00:00Z',
    '',
    '',
  ],
  // No outage cells: the function's outage arguments fill them.
  ['from-arguments', 1200, 'day', 'America/Los_Angeles', 9.5, 0.011, 0.03, 72, 0.4, 0.5, 0.1, '', '', '', ''],
  // Ranges in cells: cpm 9..10 and recapture 0..0.5 (test/api/batch-ranges.test.ts works this row by hand).
  [
    'cpm-and-recapture',
    2400,
    'day',
    '',
    '9..10',
    0.01,
    '',
    '',
    '',
    '0..0.5',
    '',
    '2021-10-04T10:00:00Z',
    '2021-10-04T13:00:00Z',
    '',
    '',
  ],
];
// Column O has no header, so it is not sent (a note next to the table does not break the request).
const out = OUTAGE_IMPACT(range, '2021-10-04T11:39:00', '2021-10-04T17:05:00', 'America/New_York');

check(requests.length === 1, 'OUTAGE_IMPACT makes ONE request for the whole range', `${requests.length} requests`);
const [request] = requests;
check(
  request?.method === 'POST' && request.url.startsWith(`${BASE}/v1/impact/batch?`),
  'it posts to /v1/impact/batch',
  request?.url,
);
check(request?.headers['Content-Type'] === 'application/json', 'it sends JSON rows');
const sent = JSON.parse(request?.payload ?? '{}').rows ?? [];
check(sent.length === 6, 'the blank row is not sent', `${sent.length} rows sent`);
check(
  sent[0]?.outageStart === '2021-10-04T11:39:00',
  "a date cell is sent as the wall-clock time in the spreadsheet's zone",
  sent[0]?.outageStart,
);
check(
  sent[0]?.budgetAmount === '1200' && sent[0]?.ctr === '0.011',
  'number cells are sent as decimal text',
  JSON.stringify(sent[0]),
);
check(!Object.keys(sent[0] ?? {}).includes(''), 'a column without a header is not sent');

check(
  Array.isArray(out) && out.length === range.length && out.every((row) => row.length === ERROR + 1),
  `it answers one row per range row, ${ERROR + 1} columns wide`,
  JSON.stringify(out).slice(0, 200),
);
check(JSON.stringify(out[0]) === JSON.stringify([...COLUMNS, 'error']), 'its first row is the result header');
check(
  out[3].every((cell) => cell === ''),
  'the blank row stays blank',
);
check(
  /^ctr: /.test(out[4][ERROR]) && out[4].slice(0, ERROR).every((cell) => cell === ''),
  'a bad row gets its error and empty results',
  JSON.stringify(out[4]),
);

const fallSale = await impact(
  { timeZone: 'America/New_York', windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00' }] },
  {
    budget: { amount: '1200', period: 'day' },
    timeZone: 'America/Los_Angeles',
    cpm: '9.5',
    ctr: '0.011',
    cvr: '0.03',
    aov: '72',
    grossMargin: '0.4',
    recovery: { recapture: '0.5', cpmPremium: '0.1' },
  },
);
const utc = await impact(
  { windows: [{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T13:00:00Z' }] },
  { budget: { amount: '2400', period: 'day' }, cpm: '9.5' },
);
const ranged = await impact(
  { windows: [{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T13:00:00Z' }] },
  {
    budget: { amount: '2400', period: 'day' },
    cpm: { low: '9', high: '10' },
    ctr: '0.01',
    recovery: { recapture: { low: '0', high: '0.5' } },
  },
);
const expectations = [
  [1, 'fall-sale (date cell for outageStart)', fallSale],
  [2, 'utc-cpc', utc],
  [5, 'the =HYPERLINK id row', utc],
  [6, 'the row filled from the outage arguments', fallSale],
  [7, 'cpm-and-recapture (ranges)', ranged],
];
for (const [index, label, expected] of expectations) {
  for (const [i, column] of COLUMNS.entries()) {
    const value = expectedValue(expected, column);
    const want = value === null ? '' : Number(value);
    check(
      out[index][i] === want,
      `${label}: ${column} is ${want === '' ? 'empty' : want}, as POST /v1/impact says`,
      `got ${JSON.stringify(out[index][i])}`,
    );
  }
  check(out[index][ERROR] === '', `${label}: no error`, out[index][ERROR]);
}
// DESIGN.md's example by hand: 1200 × 326 / 1440 = 271.666… → 271.67.
check(out[1][0] === 271.67, 'fall-sale plans 271.67, as worked by hand');
// 300 lost, a third of 2,400 a day over 3 hours; impressions 1000 × (300 − R) / cpm run from
// 1000 × 150 / 10 = 15000 (recapture 0.5, cpm 10) to 1000 × 300 / 9 = 33333.33 (recapture 0, cpm 9).
check(
  out[7][COLUMNS.indexOf('lostImpressionsLow')] === 15000 &&
    out[7][COLUMNS.indexOf('lostImpressionsHigh')] === 33333.33,
  'cpm-and-recapture: impressions run from 15000 to 33333.33, as worked by hand',
  JSON.stringify(out[7]),
);

// The fifth argument is the rounding: 2,403 a day in UTC is 2403 / 24 = 100.125 in the one hour 10:00–11:00Z,
// a tie that half-even (the default) rounds to 100.12 and half-up to 100.13.
const tieRange = [
  ['budgetAmount', 'budgetPeriod', 'outageStart', 'outageEnd'],
  [2403, 'day', '2021-10-04T10:00:00Z', '2021-10-04T11:00:00Z'],
];
const halfEven = OUTAGE_IMPACT(tieRange);
const halfUp = OUTAGE_IMPACT(tieRange, '', '', '', 'half-up');
check(
  halfEven[1]?.[0] === 100.12 && halfUp[1]?.[0] === 100.13,
  'the rounding argument rounds the tie 100.125 up (100.13), by default to even (100.12)',
  JSON.stringify([halfEven[1]?.[0], halfUp[1]?.[0]]),
);
check(
  requests.at(-1)?.url.endsWith('?rounding=half-up'),
  'it sends the rounding as a query parameter',
  requests.at(-1)?.url,
);

// An unknown header is not dropped silently: JSON rows carry it, and each row's error names it.
const unknown = OUTAGE_IMPACT([
  ['budgetAmount', 'cmp'],
  [1200, 9.5],
]);
check(
  /^cmp: is not a column/.test(unknown[1]?.[ERROR] ?? ''),
  "an unknown header becomes the row's error, naming it",
  JSON.stringify(unknown),
);

let single = '';
try {
  OUTAGE_IMPACT(5);
} catch (err) {
  single = String(err.message);
}
check(/first row is the header/.test(single), 'a single cell instead of a range is explained', single);

/** The cells of one CSV line as IMPORTDATA reads them: quoted text cells unquoted, doubled quotes undone. */
function csvCells(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

// --- The README's IMPORTDATA URLs ------------------------------------------------------------------

const readme = readFileSync(new URL('integrations/google-sheets/README.md', root), 'utf8');
const importUrls = [...readme.matchAll(/=IMPORTDATA\("(http[^"]+)"\)/g)].map((m) => m[1]);
check(importUrls.length > 0, 'the Google Sheets README has literal IMPORTDATA URLs');
for (const url of importUrls) {
  const res = await fetch(url.replace(README_BASE, BASE));
  const text = await res.text();
  check(
    res.status === 200 && res.headers.get('content-type') === 'text/csv; charset=utf-8',
    `IMPORTDATA URL answers CSV: ${url.slice(0, 80)}…`,
    `${res.status} ${text.slice(0, 200)}`,
  );
  const [head, row] = text.split('\r\n').map(csvCells);
  const params = Object.fromEntries(new URL(url).searchParams);
  const window = {
    start: params.outageStart,
    end: params.outageEnd,
    ...(params.deliveryLoss ? { deliveryLoss: params.deliveryLoss } : {}),
  };
  const campaign = { budget: { amount: params.budgetAmount, period: params.budgetPeriod } };
  // A cell `low..high` is the JSON range { low, high }.
  const jsonValue = (text) => (text.includes('..') ? { low: text.split('..')[0], high: text.split('..')[1] } : text);
  for (const key of [
    'id',
    'currency',
    'timeZone',
    'cpm',
    'ctr',
    'cpc',
    'cvr',
    'cpa',
    'aov',
    'roas',
    'grossMargin',
    'incrementality',
  ])
    if (params[key]) campaign[key] = key === 'id' ? params[key] : jsonValue(params[key]);
  for (const key of ['recapture', 'overspendCap', 'cpmPremium'])
    if (params[key]) {
      campaign.recovery ??= {};
      campaign.recovery[key] = jsonValue(params[key]);
    }
  const expected = await impact(
    { ...(params.outageTimeZone ? { timeZone: params.outageTimeZone } : {}), windows: [window] },
    campaign,
  );
  for (const column of COLUMNS) {
    const cell = row?.[head.indexOf(column)];
    const value = expectedValue(expected, column);
    check(cell === (value ?? ''), `IMPORTDATA ${column} is ${value ?? 'empty'}`, `got ${cell}`);
  }
}

console.log(failures ? `# apps-script: ${failures} failed` : '# apps-script: all passed');
process.exit(failures ? 1 : 0);
