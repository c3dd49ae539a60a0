// The worst-case matrix of issue 12: the hostile shapes it reports and the most expensive request per
// endpoint that the limits admit. Run in a child `node --max-old-space-size=128` by scripts/bench-limits.ts
// (`npm run bench`) and by test/unit/worst-cases.test.ts; each must answer 200, 413 or 422 and never crash.

export interface WorstCase {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  contentType?: string;
  body?: () => string;
  /** The statuses this case may answer (the matrix fails on any other, and on a crash). */
  expect: readonly number[];
}

const weights = (n: number, seed = 0) => Array.from({ length: n }, (_, h) => String(((h * 7 + seed) % 13) + 1));
const YEAR_WINDOW = { start: '2021-01-01T00:00:00Z', end: '2022-01-01T00:00:00Z' };
const HOUR_WINDOW = { start: '2021-10-04T15:00:00Z', end: '2021-10-04T16:00:00Z' };
const RANGES = {
  cpm: { low: '8', high: '12' },
  ctr: { low: '0.01', high: '0.02' },
  cvr: { low: '0.02', high: '0.04' },
  aov: { low: '60', high: '80' },
  grossMargin: { low: '0.3', high: '0.5' },
  incrementality: { low: '0.5', high: '1' },
};
const json = (value: unknown) => () => JSON.stringify(value);
const csv = (header: string[], rows: string[][]) =>
  `${header.join(',')}\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;

/** A CSV batch of `rows` day-budget rows with a cpm range, over `windows` distinct one-hour windows. */
function hourlyBatch(rows: number, windows: number): string {
  return csv(
    ['id', 'budgetAmount', 'budgetPeriod', 'cpm', 'ctr', 'outageStart', 'outageEnd'],
    Array.from({ length: rows }, (_, i) => {
      const start = Date.UTC(2021, 0, 4) + (i % windows) * 3_600_000;
      const end = start + 3_600_000;
      return [`row-${i}`, '100', 'day', '9..11', '0.01', new Date(start).toISOString(), new Date(end).toISOString()];
    }),
  );
}

/** A Meta Ads Manager export of `rows` campaigns in its own columns (docs/import.md), a month of spend each. */
function metaExport(rows: number): string {
  const header =
    '"Reporting starts","Reporting ends","Campaign name",Results,"Result indicator","Amount spent (EUR)",' +
    'Impressions,"Link clicks","Purchases conversion value"';
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `2024-02-01,2024-02-29,"Campaign ${i}",${40 + (i % 50)},actions:offsite_conversion.fb_pixel_purchase,` +
      `${1000 + i}.50,${120000 + i},${1100 + (i % 300)},${3000 + i}.00`,
  );
  return `${[header, ...lines].join('\n')}\n`;
}

/**
 * A Meta export split by hour of day (`Time of day (ad account time zone)`): 24 rows per campaign, combined into
 * one campaign with a 24-weight delivery profile, each campaign's weights distinct, so no walk is shared.
 */
function metaHourlyExport(campaigns: number): string {
  const header =
    '"Reporting starts","Reporting ends","Campaign name","Time of day (ad account time zone)",Results,' +
    '"Result indicator","Amount spent (EUR)",Impressions,"Link clicks","Purchases conversion value"';
  const lines: string[] = [];
  for (let c = 0; c < campaigns; c++) {
    for (let h = 0; h < 24; h++) {
      const hour = `${String(h).padStart(2, '0')}:00:00 - ${String(h).padStart(2, '0')}:59:59`;
      const spent = `${((h * 7 + c) % 13) + 1}.${String(c % 100).padStart(2, '0')}`;
      lines.push(
        `2024-02-01,2024-02-29,"Campaign ${c}",${hour},${2 + (h % 5)},actions:offsite_conversion.fb_pixel_purchase,` +
          `${spent},${5000 + h * 10 + c},${50 + h},${100 + h}.00`,
      );
    }
  }
  return `${[header, ...lines].join('\n')}\n`;
}

/** A Meta export of `rows` campaigns over a three-year reporting period (2021-2023), one row each. */
function metaLongPeriodExport(rows: number): string {
  return metaExport(rows).replaceAll('2024-02-01,2024-02-29,', '2021-01-01,2023-12-31,');
}

const hundredWindows = Array.from({ length: 100 }, (_, i) => {
  const start = Date.UTC(2021, 0, 1) + i * 3.6 * 86_400_000;
  return { start: new Date(start).toISOString(), end: new Date(start + 3 * 86_400_000).toISOString() };
});

export const WORST_CASES: WorstCase[] = [
  {
    name: 'ordinary: the DESIGN.md example',
    method: 'POST',
    path: '/v1/impact',
    body: json({
      outage: { timeZone: 'America/New_York', windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00' }] },
      campaigns: [
        {
          timeZone: 'America/Los_Angeles',
          budget: { amount: '1200', period: 'day' },
          cpm: '9.50',
          ctr: '0.011',
          cvr: '0.03',
          aov: '72',
        },
      ],
      options: { explain: true, timeline: 'hour' },
    }),
    expect: [200],
  },
  {
    name: 'issue: 10,000 CSV rows, flightStart 1 ms apart, one-year window',
    method: 'POST',
    path: '/v1/impact/batch',
    contentType: 'text/csv',
    body: () =>
      csv(
        ['budgetAmount', 'budgetPeriod', 'deliveryProfile', 'flightStart', 'flightEnd', 'outageStart', 'outageEnd'],
        Array.from({ length: 10_000 }, (_, i) => [
          '100',
          'day',
          weights(24).join(' '),
          new Date(Date.UTC(2021, 0, 1) + i).toISOString(),
          '2022-01-01T00:00:00Z',
          YEAR_WINDOW.start,
          YEAR_WINDOW.end,
        ]),
      ),
    expect: [413],
  },
  {
    name: 'issue: 1,000 weighted lifetime campaigns, distinct flight starts',
    method: 'POST',
    path: '/v1/impact',
    body: json({
      outage: { windows: [HOUR_WINDOW] },
      campaigns: Array.from({ length: 1000 }, (_, i) => ({
        budget: { amount: '100000', period: 'lifetime' },
        flight: { start: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString(), end: '2022-12-31T00:00:00Z' },
        deliveryProfile: weights(24),
        cpm: '10',
      })),
    }),
    expect: [413],
  },
  {
    name: 'issue: 130,000 invalid profile weights (390 KB)',
    method: 'POST',
    path: '/v1/impact',
    body: json({
      outage: { windows: [HOUR_WINDOW] },
      campaigns: [
        { budget: { amount: '1', period: 'day' }, deliveryProfile: Array.from({ length: 130_000 }, () => 'x') },
      ],
    }),
    expect: [413],
  },
  {
    name: 'issue: 2.6 million CSV rows of ",\\n"',
    method: 'POST',
    path: '/v1/impact/batch',
    contentType: 'text/csv',
    body: () => ',\n'.repeat(2_600_000),
    expect: [413],
  },
  {
    name: 'issue: a 2 MB header row',
    method: 'POST',
    path: '/v1/impact/batch',
    contentType: 'text/csv',
    body: () => `${'x,'.repeat(1_000_000)}x\r\n`,
    expect: [413],
  },
  {
    name: 'issue: 4,000 characters of 1…1x in an echoed cell, 1,200 rows (5 MiB)',
    method: 'POST',
    path: '/v1/impact/batch',
    contentType: 'text/csv',
    body: () =>
      csv(
        ['id'],
        Array.from({ length: 1200 }, () => [`${'1'.repeat(3999)}x`]),
      ),
    expect: [200],
  },
  {
    name: 'issue: 1,450 rows with differently cased spellings of one zone (about the most rows admitted)',
    method: 'POST',
    path: '/v1/impact/batch',
    body: json({
      rows: Array.from({ length: 1_450 }, (_, i) => ({
        timeZone: [...'america/new_york'].map((ch, k) => ((i >> k) & 1 ? ch.toUpperCase() : ch)).join(''),
        budgetAmount: '100',
        budgetPeriod: 'day',
        outageStart: HOUR_WINDOW.start,
        outageEnd: HOUR_WINDOW.end,
      })),
    }),
    expect: [200],
  },
  {
    name: 'issue: 95 distinct 168-weight profiles × 100 windows × 6 ranges',
    method: 'POST',
    path: '/v1/impact',
    body: json({
      outage: { windows: hundredWindows },
      campaigns: Array.from({ length: 95 }, (_, i) => ({
        budget: { amount: '1000', period: 'week' },
        deliveryProfile: weights(168, i),
        ...RANGES,
      })),
    }),
    expect: [200, 413],
  },
  {
    name: 'issue: 50,000 timeline rows with explain (5 campaigns × a year)',
    method: 'POST',
    path: '/v1/impact',
    body: json({
      outage: { windows: [YEAR_WINDOW] },
      campaigns: Array.from({ length: 5 }, () => ({
        budget: { amount: '1000', period: 'day' },
        cpm: '10',
        ctr: '0.01',
        cvr: '0.02',
        aov: '50',
      })),
      options: { timeline: 'hour', explain: true },
    }),
    expect: [413],
  },
  {
    name: 'most expensive admitted /v1/impact timeline: a year of 8,785 rows with explain',
    method: 'POST',
    path: '/v1/impact',
    body: json({
      outage: { windows: [YEAR_WINDOW] },
      campaigns: [{ budget: { amount: '1000', period: 'day' }, cpm: '10', ctr: '0.01', cvr: '0.02', aov: '50' }],
      options: { timeline: 'hour', explain: true },
    }),
    expect: [200],
  },
  {
    name: 'most expensive admitted /v1/impact: 14 weighted lifetime 3-year flights',
    method: 'POST',
    path: '/v1/impact',
    body: json({
      outage: { windows: [HOUR_WINDOW] },
      campaigns: Array.from({ length: 14 }, (_, i) => ({
        budget: { amount: '100000', period: 'lifetime' },
        flight: { start: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString(), end: '2022-12-31T00:00:00Z' },
        deliveryProfile: weights(168, i),
        ...RANGES,
      })),
    }),
    expect: [200],
  },
  {
    name: 'batch: 10,000 computed rows, 2,000 distinct one-hour windows (over the cost)',
    method: 'POST',
    path: '/v1/impact/batch',
    contentType: 'text/csv',
    body: () => hourlyBatch(10_000, 2000),
    expect: [413],
  },
  {
    name: 'most expensive admitted batch: 1,200 rows, 500 distinct one-hour windows, a range',
    method: 'POST',
    path: '/v1/impact/batch',
    contentType: 'text/csv',
    body: () => hourlyBatch(1_200, 500),
    expect: [200],
  },
  {
    name: 'batch: 1,450 plain computed rows, JSON answer (about the most rows admitted)',
    method: 'POST',
    path: '/v1/impact/batch',
    body: json({
      rows: Array.from({ length: 1_450 }, (_, i) => ({
        id: `row-${i}`,
        budgetAmount: String(100 + i),
        budgetPeriod: 'day',
        cpm: '9.50',
        ctr: '0.011',
        cvr: '0.03',
        aov: '72',
        outageStart: HOUR_WINDOW.start,
        outageEnd: HOUR_WINDOW.end,
      })),
    }),
    expect: [200],
  },
  {
    name: 'import: a 1,450-campaign Meta export (about the most admitted)',
    method: 'POST',
    path: `/v1/impact/import?outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:19:00Z&timeZone=Europe/Berlin`,
    contentType: 'text/csv',
    body: () => metaExport(1_450),
    expect: [200],
  },
  {
    name: 'import: 416 campaigns split by hour (9,984 rows, the most that fit; distinct 24-weight profiles)',
    method: 'POST',
    path: `/v1/impact/import?outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:19:00Z&timeZone=Europe/Berlin`,
    contentType: 'text/csv',
    body: () => metaHourlyExport(416),
    expect: [200],
  },
  {
    name: 'import: 1,420 campaigns over 3-year reporting periods, a one-year outage (about the most admitted)',
    method: 'POST',
    path: `/v1/impact/import?outageStart=2022-01-01T00:00:00Z&outageEnd=2023-01-01T00:00:00Z&timeZone=Europe/Berlin`,
    contentType: 'text/csv',
    body: () => metaLongPeriodExport(1_420),
    expect: [200],
  },
  {
    name: 'import: a 10,000-campaign Meta export (over the cost)',
    method: 'POST',
    path: `/v1/impact/import?outageStart=2024-03-05T15:00:00Z&outageEnd=2024-03-05T17:19:00Z&timeZone=Europe/Berlin`,
    contentType: 'text/csv',
    body: () => metaExport(10_000),
    expect: [413],
  },
  {
    name: 'most expensive /v1/platform-loss: 100 windows, 168 weights',
    method: 'POST',
    path: '/v1/platform-loss',
    body: json({
      revenue: { amount: '1000000000', period: { year: 2021 } },
      outage: { windows: hundredWindows },
      trafficProfile: weights(168),
      options: { explain: true },
    }),
    expect: [200],
  },
  {
    name: 'most expensive /v1/market-cap: 100 share classes, 1,000 holders',
    method: 'POST',
    path: '/v1/market-cap',
    body: json({
      shareClasses: Array.from({ length: 100 }, (_, i) => ({ name: `c${i}`, shares: '1000000000' })),
      price: { before: '343.01', after: '326.23' },
      holders: Array.from({ length: 1000 }, (_, i) => ({ name: `h${i}`, shares: '1000' })),
      options: { explain: true },
    }),
    expect: [200],
  },
  {
    name: 'most expensive GET /v1/impact.csv: a weighted lifetime 3-year flight',
    method: 'GET',
    path: `/v1/impact.csv?${new URLSearchParams({
      budgetAmount: '1000',
      budgetPeriod: 'lifetime',
      flightStart: '2020-01-01T00:00:00Z',
      flightEnd: '2022-12-31T00:00:00Z',
      deliveryProfile: weights(168).join(' '),
      cpm: '8..12',
      ctr: '0.01..0.02',
      outageStart: YEAR_WINDOW.start,
      outageEnd: YEAR_WINDOW.end,
    })}`,
    expect: [200],
  },
];

/** Runs one case against the app's fetch and measures it: CPU time, and how far the process's peak RSS rose. */
export async function runCase(fetch: (request: Request) => Response | Promise<Response>, c: WorstCase) {
  const body = c.body?.();
  const request = new Request(`http://localhost${c.path}`, {
    method: c.method,
    headers: { 'content-type': c.contentType ?? 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const cpu = process.cpuUsage();
  const response = await fetch(request);
  const text = await response.text();
  const used = process.cpuUsage(cpu);
  const peakRise = Math.max(0, process.resourceUsage().maxRSS * 1024 - Math.max(peakBefore, rssBefore));
  return {
    status: response.status,
    cpuMs: (used.user + used.system) / 1000,
    peakRiseMiB: peakRise / 2 ** 20,
    answerBytes: text.length,
  };
}
