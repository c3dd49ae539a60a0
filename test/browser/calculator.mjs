// The web calculator (GET /) in a real browser: Debian's Chromium (/usr/bin/chromium) driven by
// playwright-core, against a `wrangler dev` this script starts and stops itself (`npm run test:browser`).
// Each check prints "ok - …" or "not ok - …"; the counts go to browser-results.json, which .ci/run adds
// to its final "N passed, N failed" line. Screenshots of each state go to test-artifacts/browser/
// (gitignored) for a person to look at.
//
// Expected figures come from the API itself (the page must show exactly what the API answers), and
// the example's headline figures are also recomputed by hand below.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** The cells of one CSV line whose text cells hold no comma (the API quotes every text cell). */
const cellsOf = (line) => line.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1'));

const PORT = Number(process.env.BROWSER_PORT ?? 8793);
const INSPECTOR_PORT = Number(process.env.BROWSER_INSPECTOR_PORT ?? 9393);
const BASE = `http://127.0.0.1:${PORT}`;
const SHOTS = 'test-artifacts/browser';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// DESIGN.md §4's example, written out here independently of the page's own copy.
const EXAMPLE = {
  outage: {
    timeZone: 'America/New_York',
    windows: [{ start: '2021-10-04T11:39:00', end: '2021-10-04T17:05:00', deliveryLoss: '1' }],
  },
  campaigns: [
    {
      id: 'fall-sale',
      currency: 'USD',
      timeZone: 'America/Los_Angeles',
      budget: { amount: '1200', period: 'day' },
      flight: { start: '2021-09-01T00:00:00', end: '2021-10-31T00:00:00' },
      deliveryProfile: 'even',
      cpm: '9.50',
      ctr: '0.011',
      cvr: '0.03',
      aov: '72',
      grossMargin: '0.4',
      incrementality: '1',
      recovery: { recapture: '0.5', overspendCap: '0.75', cpmPremium: '0.1' },
    },
  ],
  options: { explain: true, timeline: 'hour' },
};
const TOTAL_METRICS = [
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

/** Metrics that are counts, with the unit the page names; every other total is money. */
const COUNT_UNITS = { lostImpressions: 'impressions', lostClicks: 'clicks', lostConversions: 'conversions' };

let passed = 0;
let failed = 0;
/** @param {string} name @param {boolean} ok @param {string} [why] */
function check(name, ok, why = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || !why ? '' : `\n  # ${why.replaceAll('\n', '\n  # ')}`}`);
}
/** Runs a group of checks; an exception inside it is one more failure, and the rest still run. */
async function step(name, fn) {
  try {
    await fn();
  } catch (error) {
    check(`${name} (ran to the end)`, false, String(error?.stack ?? error).slice(0, 1500));
  }
}

function finish() {
  writeFileSync('browser-results.json', `${JSON.stringify({ passed, failed })}\n`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
}

// ------------------------------------------------------------------------------------------------
// The service
// ------------------------------------------------------------------------------------------------

async function answers(path) {
  try {
    return (await fetch(`${BASE}${path}`)).ok;
  } catch {
    return false;
  }
}

async function startServer() {
  if (await answers('/health'))
    throw new Error(`something already answers on ${BASE}; set BROWSER_PORT to a free port`);
  const log = join(mkdtempSync(join(tmpdir(), 'browser-wrangler-')), 'wrangler.log');
  const out = (await import('node:fs')).openSync(log, 'w');
  // detached: wrangler and its workerd child get a process group of their own, stopped as one.
  const server = spawn(
    'npx',
    ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(PORT), '--inspector-port', String(INSPECTOR_PORT)],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  );
  for (let i = 0; i < 120 && !(await answers('/health')); i++) {
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!(await answers('/health'))) {
    stopServer(server);
    throw new Error(`wrangler dev did not answer /health within 60 s:\n${readFileSync(log, 'utf8').slice(-3000)}`);
  }
  return server;
}

function stopServer(server) {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      process.kill(-server.pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function api(path, body) {
  const res = await fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

// ------------------------------------------------------------------------------------------------
// The browser
// ------------------------------------------------------------------------------------------------

/** A new browser with a fresh profile: nothing carried over from another context. */
async function freshBrowser(width = 1280, height = 900) {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width, height },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const trouble = watch(page);
  return {
    context,
    page,
    trouble,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Records what must never happen: a request to another origin, a CSP violation, a script error. */
function watch(page) {
  const trouble = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${BASE}/`) && !url.startsWith('blob:') && !url.startsWith('data:'))
      trouble.push(`request to another origin: ${url}`);
  });
  page.on('console', (message) => {
    // The 422 that the bad-input check provokes is the API refusing on purpose; Chromium logs it as a failed load.
    if (/status of 422/.test(message.text())) return;
    if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text()))
      trouble.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => trouble.push(`script error: ${error.message}`));
  return trouble;
}

const groupDigits = (v) =>
  v.replace(/^(-?)(\d+)/, (_, sign, whole) => sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

/** The figures a results list shows, as { metric: { value (data-value), text } }. */
async function figures(page, list) {
  return page.$$eval(`[data-figures="${list}"] .figure`, (els) =>
    Object.fromEntries(
      els.map((el) => [
        el.getAttribute('data-metric'),
        {
          value: el.querySelector('dd')?.getAttribute('data-value'),
          text: el.querySelector('dd')?.firstChild?.textContent,
        },
      ]),
    ),
  );
}

/** Compares shown figures with the API's: the exact string, and the text with its currency or unit. */
function compareFigures(shown, expected, currency, metrics) {
  const wrong = [];
  for (const metric of metrics) {
    const value = expected[metric];
    if (value === null) {
      if (shown[metric]?.value !== '' || shown[metric]?.text !== 'not determined')
        wrong.push(`${metric}: shown ${JSON.stringify(shown[metric])}, API null`);
      continue;
    }
    const want = COUNT_UNITS[metric]
      ? `${groupDigits(value)} ${COUNT_UNITS[metric]}`
      : `${currency} ${groupDigits(value)}`;
    if (shown[metric]?.value !== value || shown[metric]?.text !== want)
      wrong.push(`${metric}: shown ${JSON.stringify(shown[metric])}, API ${value} (expected text ${want})`);
  }
  return wrong;
}

async function waitForFigure(page, list, metric, value) {
  await page.waitForFunction(
    ([l, m, v]) =>
      document.querySelector(`[data-figures="${l}"] [data-metric="${m}"] dd`)?.getAttribute('data-value') === v,
    [list, metric, value],
    { timeout: 20_000 },
  );
}

async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (a <script> tag would be refused).
  await page.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')})`,
    );
}

async function noHorizontalScroll(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

// ------------------------------------------------------------------------------------------------
// The checks
// ------------------------------------------------------------------------------------------------

async function run() {
  mkdirSync(SHOTS, { recursive: true });
  const example = await api('/v1/impact', EXAMPLE);
  check('the API answers DESIGN.md §4 example', example.status === 200, JSON.stringify(example.body).slice(0, 500));
  const apiTotals = example.body.totals[0];
  // By hand: an even $1,200 daily budget is $50 an hour; the window 11:39–17:05 EDT is 326 minutes, so
  // planned = lost = 1200 × 326 ÷ 1440 = 271.666… → 271.67; recapture 0.5 of it (the week's headroom is
  // far larger) = 135.833… → 135.83, and net lost = 271.666… − 135.833… = 135.833… → 135.83.
  check(
    'the example by hand: lost spend 271.67, recaptured 135.83',
    apiTotals.lostSpend === '271.67' && apiTotals.recapturedSpend === '135.83',
    JSON.stringify(apiTotals),
  );

  const first = await freshBrowser();
  const { page } = first;
  let recomputedUrl = '';
  let recomputedTotals = {};

  await step('first visit', async () => {
    const response = await page.goto(`${BASE}/`);
    const csp = response.headers()['content-security-policy'] ?? '';
    check(
      'GET / is the calculator, with a strict Content-Security-Policy',
      response.status() === 200 &&
        /default-src 'self'/.test(csp) &&
        !/unsafe-inline|https?:/.test(csp) &&
        response.headers()['x-content-type-options'] === 'nosniff',
      `${response.status()} ${csp}`,
    );
    await waitForFigure(page, 'totals-USD', 'lostSpend', apiTotals.lostSpend);
    const wrong = compareFigures(await figures(page, 'totals-USD'), apiTotals, 'USD', TOTAL_METRICS);
    check(
      'first visit shows the example’s figures, equal to the API’s answer, with units',
      wrong.length === 0,
      wrong.join('\n'),
    );
    const rows = await page.$$eval('#panel-impact .table-scroll table', (tables) =>
      tables.map((t) => t.querySelectorAll('tbody tr').length),
    );
    check(
      'the hourly table has a row per hour of the API’s timeline',
      rows.includes(example.body.campaigns[0].timeline.length),
      `tables have ${rows} rows; timeline ${example.body.campaigns[0].timeline.length}`,
    );
    check(
      'the hourly chart is drawn by uPlot',
      (await page.locator('#panel-impact .chart .uplot canvas').count()) === 1,
    );
    check('the URL holds the example as a permalink', /#impact\/z\./.test(page.url()), page.url());
    await shot(page, '1-first-visit');
  });

  await step('derivation', async () => {
    const details = page.locator('#panel-impact details.explain').first();
    const stepsBefore = await details.locator('li').first().isVisible();
    await details.locator('summary').click();
    const explain = example.body.campaigns[0].explain;
    const firstStep = await details.locator('li').first().textContent();
    check(
      'the derivation opens on request and shows the API’s formulas',
      !stepsBefore &&
        (await details.locator('li').count()) === explain.length &&
        firstStep.includes(explain[0].formula),
      firstStep,
    );
    await shot(page, '2-derivation');
  });

  await step('download CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download results (CSV)' }).first().click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    const [header, row] = csv.split('\r\n').map(cellsOf);
    const at = (name) => row[header.indexOf(name)];
    check(
      '"Download results" gives the API’s figures as CSV',
      download.suggestedFilename().endsWith('.csv') &&
        at('lostSpend') === apiTotals.lostSpend &&
        at('netContributionChange') === apiTotals.netContributionChange,
      csv.slice(0, 400),
    );
  });

  await step('keyboard and focus', async () => {
    await page.locator('#tab-impact').focus();
    // The import comes second, the platform loss third.
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => !document.getElementById('panel-import')?.hidden);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => !document.getElementById('panel-platform')?.hidden);
    const focused = await page.evaluate(() => ({
      id: document.activeElement?.id,
      outline: getComputedStyle(document.activeElement).outlineStyle,
    }));
    check(
      'the tabs work from the keyboard, with a visible focus',
      focused.id === 'tab-platform' && focused.outline !== 'none',
      JSON.stringify(focused),
    );
    // DESIGN.md §5: $29.08B over 2021-Q2 (2,184 h) is 13,315,018.32 an hour; 7.5 h lose 99,862,637.36.
    await waitForFigure(page, 'platform', 'netLoss', '99862637.36');
    const shown = await figures(page, 'platform');
    check(
      'platform loss opens with DESIGN.md §5’s example: USD 99,862,637.36 lost',
      shown.netLoss?.text === 'USD 99,862,637.36' && shown.revenuePerHour?.text === 'USD 13,315,018.32',
      JSON.stringify(shown),
    );
    await shot(page, '3-platform-loss');
    await page.keyboard.press('ArrowRight');
    // DESIGN.md §6: 2,781,759,516 shares × (326.23 − 343.01) = −46,677,924,678.48; the founder's 350,000,000 × −16.78 = −5,873,000,000.00.
    await waitForFigure(page, 'market-cap', 'marketCapChange', '-46677924678.48');
    const wealth = await page.locator('#panel-market-cap td[data-value]').first().getAttribute('data-value');
    check('market cap opens with DESIGN.md §6’s example', wealth === '-5873000000.00', String(wealth));
    await shot(page, '4-market-cap');
    await page.keyboard.press('Home');
    await page.waitForFunction(
      () => !document.getElementById('panel-impact')?.hidden && location.hash.startsWith('#impact/'),
    );
  });

  await step('axe-core on the first visit', async () => {
    const violations = await axeViolations(page);
    check(
      'axe-core finds no serious or critical violation (results shown)',
      violations.length === 0,
      violations.join('\n'),
    );
  });

  await step('change the budget and recompute', async () => {
    const before = page.url();
    await page.getByLabel('Budget amount').fill('2400');
    await page.getByLabel('Campaign name (optional)').fill('=HYPERLINK("x")');
    const changed = {
      ...EXAMPLE,
      campaigns: [{ ...EXAMPLE.campaigns[0], id: '=HYPERLINK("x")', budget: { amount: '2400', period: 'day' } }],
    };
    const expected = await api('/v1/impact', changed);
    recomputedTotals = expected.body.totals[0];
    // By hand: twice the budget plans twice the spend: 2400 × 326 ÷ 1440 = 543.333… → 543.33.
    check(
      'the API doubles the lost spend for twice the budget: 543.33',
      recomputedTotals.lostSpend === '543.33',
      JSON.stringify(recomputedTotals),
    );
    await page.getByRole('button', { name: 'Calculate' }).first().click();
    await waitForFigure(page, 'totals-USD', 'lostSpend', recomputedTotals.lostSpend);
    await page.waitForFunction((old) => location.href !== old, before);
    recomputedUrl = page.url();
    const wrong = compareFigures(await figures(page, 'totals-USD'), recomputedTotals, 'USD', TOTAL_METRICS);
    check(
      'recomputing changes the figures to the API’s answer for the new budget',
      wrong.length === 0,
      wrong.join('\n'),
    );
    check(
      'recomputing changes the URL',
      recomputedUrl !== before && recomputedUrl.includes('#impact/z.'),
      `${before}\n${recomputedUrl}`,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download results (CSV)' }).first().click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    check(
      'the CSV defuses a campaign name that a spreadsheet would run as a formula',
      csv.includes(`"'=HYPERLINK(""x"")"`),
      csv.slice(0, 300),
    );
    await shot(page, '5-recomputed');
  });

  await step('permalink in a new browser', async () => {
    const second = await freshBrowser();
    try {
      await second.page.goto(recomputedUrl);
      await waitForFigure(second.page, 'totals-USD', 'lostSpend', recomputedTotals.lostSpend);
      const wrong = compareFigures(await figures(second.page, 'totals-USD'), recomputedTotals, 'USD', TOTAL_METRICS);
      const budget = await second.page.getByLabel('Budget amount').inputValue();
      check(
        'the permalink reproduces the input and the figures in a fresh browser',
        wrong.length === 0 && budget === '2400',
        `${budget}\n${wrong.join('\n')}`,
      );
      await shot(second.page, '6-permalink');
      check(
        'the fresh browser loaded nothing from another origin and met no CSP or script error',
        second.trouble.length === 0,
        second.trouble.join('\n'),
      );
    } finally {
      await second.close();
    }
  });

  await step('a bad input', async () => {
    await page.getByLabel('Click-through rate (CTR)').fill('2');
    const bad = {
      ...EXAMPLE,
      campaigns: [
        { ...EXAMPLE.campaigns[0], id: '=HYPERLINK("x")', budget: { amount: '2400', period: 'day' }, ctr: '2' },
      ],
    };
    const refused = await api('/v1/impact', bad);
    const error = refused.body.errors?.find((e) => e.pointer === '/campaigns/0/ctr');
    check(
      'the API refuses a CTR of 2 at /campaigns/0/ctr',
      refused.status === 422 && Boolean(error),
      JSON.stringify(refused.body).slice(0, 500),
    );
    await page.getByRole('button', { name: 'Calculate' }).first().click();
    const ctr = page.getByLabel('Click-through rate (CTR)');
    await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]') !== null, null, {
      timeout: 20_000,
    });
    const describedBy = (await ctr.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-err'));
    const shownText = errorId ? await page.locator(`#${errorId}`).textContent() : '';
    check(
      'the API’s message is shown next to the CTR field, and the field is marked invalid',
      shownText?.includes(error?.detail ?? '\u0000') && (await ctr.getAttribute('aria-invalid')) === 'true',
      `shown ${JSON.stringify(shownText)}; API ${JSON.stringify(error)}`,
    );
    check(
      'the error summary names the field',
      (await page.locator('#impact-errors').textContent())?.includes('Click-through rate (CTR)'),
    );
    await shot(page, '7-bad-input');
    const violations = await axeViolations(page);
    check(
      'axe-core finds no serious or critical violation (errors shown)',
      violations.length === 0,
      violations.join('\n'),
    );
  });

  await step('360 px wide', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByLabel('Click-through rate (CTR)').fill('0.011');
    await page.getByRole('button', { name: 'Calculate' }).first().click();
    await waitForFigure(page, 'totals-USD', 'lostSpend', recomputedTotals.lostSpend);
    await page.locator('#panel-impact details.explain summary').first().click();
    const { scrollWidth, clientWidth } = await noHorizontalScroll(page);
    check(
      'at 360 px the page has no horizontal scroll',
      scrollWidth <= clientWidth,
      `scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`,
    );
    await shot(page, '8-narrow-360');
    const violations = await axeViolations(page);
    check('axe-core finds no serious or critical violation at 360 px', violations.length === 0, violations.join('\n'));
  });

  await step('several campaigns in two currencies', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Add campaign' }).click();
    // The new campaign's controls, by the ids its pointer /campaigns/1/… gives them.
    await page.locator('#impact-campaigns-1-currency').fill('EUR');
    await page.locator('#impact-campaigns-1-timeZone').fill('Europe/Berlin');
    await page.locator('#impact-campaigns-1-budget-amount').fill('500');
    await page.locator('#impact-campaigns-1-cpm').fill('4');
    const two = {
      ...EXAMPLE,
      campaigns: [
        { ...EXAMPLE.campaigns[0], id: '=HYPERLINK("x")', budget: { amount: '2400', period: 'day' } },
        { currency: 'EUR', timeZone: 'Europe/Berlin', budget: { amount: '500', period: 'day' }, cpm: '4' },
      ],
    };
    const expected = await api('/v1/impact', two);
    const eur = expected.body.totals.find((t) => t.currency === 'EUR');
    // By hand: €500 a day evenly is 500 × 326 ÷ 1440 = 113.194… → 113.19 lost (no recapture given);
    // impressions 1000 × 113.194… ÷ 4 = 28,298.61; no CTR, so clicks and what follows are not determined.
    check(
      'the API answers two campaigns in two currencies: EUR 113.19 lost, 28,298.61 impressions',
      eur?.lostSpend === '113.19' && eur?.lostImpressions === '28298.61' && eur?.lostClicks === null,
      JSON.stringify(eur),
    );
    await page.getByRole('button', { name: 'Calculate' }).first().click();
    await waitForFigure(page, 'totals-EUR', 'lostSpend', eur.lostSpend);
    const usd = expected.body.totals.find((t) => t.currency === 'USD');
    const wrong = [
      ...compareFigures(await figures(page, 'totals-USD'), usd, 'USD', TOTAL_METRICS),
      ...compareFigures(await figures(page, 'totals-EUR'), eur, 'EUR', TOTAL_METRICS),
    ];
    check(
      'several campaigns: the page shows each currency’s totals as the API answers them',
      wrong.length === 0,
      wrong.join('\n'),
    );
    check(
      'several campaigns: a chart for each campaign',
      (await page.locator('#panel-impact .chart .uplot').count()) === 2,
    );
    await shot(page, '9-two-campaigns');
  });

  await step('an uncertain input as a range', async () => {
    await page.locator('#impact-campaigns-0-ctr').fill('0.009..0.013');
    const ranged = {
      ...EXAMPLE,
      campaigns: [
        {
          ...EXAMPLE.campaigns[0],
          id: '=HYPERLINK("x")',
          budget: { amount: '2400', period: 'day' },
          ctr: { low: '0.009', high: '0.013' },
        },
        { currency: 'EUR', timeZone: 'Europe/Berlin', budget: { amount: '500', period: 'day' }, cpm: '4' },
      ],
    };
    const expected = await api('/v1/impact', ranged);
    const usd = expected.body.totals.find((t) => t.currency === 'USD');
    // By hand: the CTR does not change impressions, 1000 × (543.333… − 271.666… ÷ 1.1) ÷ 9.5 = 31,196.1722…;
    // clicks = impressions × CTR: × 0.009 = 280.7655… → 280.77, × 0.013 = 405.5502… → 405.55.
    const clicks = usd.ranges?.lostClicks;
    check(
      'the API answers a CTR of 0.009..0.013 with 280.77 to 405.55 clicks',
      clicks?.low === '280.77' && clicks?.high === '405.55',
      JSON.stringify(clicks),
    );
    await page.getByRole('button', { name: 'Calculate' }).first().click();
    await page.waitForFunction(
      () => document.querySelector('[data-figures="totals-USD"] [data-metric="lostClicks"] .range') !== null,
      null,
      { timeout: 20_000 },
    );
    const shown = await page.locator('[data-figures="totals-USD"] [data-metric="lostClicks"] .range').textContent();
    const want = `range ${groupDigits(clicks.low)} clicks to ${groupDigits(clicks.high)} clicks`;
    check(
      'a range typed as low..high shows each figure’s range as the API computed it',
      shown === want,
      `shown ${JSON.stringify(shown)}, expected ${JSON.stringify(want)}`,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download results (CSV)' }).first().click(),
    ]);
    const [header, row] = readFileSync(await download.path(), 'utf8')
      .split('\r\n')
      .map(cellsOf);
    check(
      'the CSV has lostClicksLow and lostClicksHigh columns, as the batch CSV',
      row?.[header.indexOf('lostClicksLow')] === '280.77' && row?.[header.indexOf('lostClicksHigh')] === '405.55',
      `${header}\n${row}`,
    );
    await shot(page, '10-range');
  });

  await step('a link with a field the page does not know', async () => {
    const typo = { ...EXAMPLE, campaigns: [{ ...EXAMPLE.campaigns[0], cmp: '9.50' }] };
    const other = await first.context.newPage();
    try {
      await other.goto(`${BASE}/#impact/j.${encodeURIComponent(JSON.stringify(typo))}`);
      await waitForFigure(other, 'totals-USD', 'lostSpend', apiTotals.lostSpend);
      const notice = await other.locator('#notice').textContent();
      check(
        'a link with an unknown field opens with a notice naming it, never silently',
        (notice ?? '').includes('/campaigns/0/cmp') && (await other.locator('#notice').isVisible()),
        String(notice),
      );
    } finally {
      await other.close();
    }
  });

  await step('the journalist’s question: a catalogue outage and revenue figure', () => journalistChecks(page));
  await step('a catalogue outage in campaign impact', () => impactOutageChecks(page));
  await step('event study: a price CSV uploaded and dropped', () => eventStudyChecks(page));
  await step('market cap given directly, benchmark as levels', () => marketCapChecks(page));
  await step('percentiles and the tornado', () => uncertaintyChecks(first.context));
  await step('import an export', () => importChecks(page));

  check(
    'the page loaded nothing from another origin and met no CSP or script error',
    first.trouble.length === 0,
    first.trouble.join('\n'),
  );
  await first.close();
}

// ------------------------------------------------------------------------------------------------
// The catalogue: outage and revenue pickers, method, caveats and sources
// ------------------------------------------------------------------------------------------------

/** The sources' links a results block shows, as { href, text }. */
async function sourceLinks(page, panel, which) {
  return page.$$eval(`#panel-${panel} [data-catalogue="${which}"] .sources a`, (links) =>
    links.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })),
  );
}

/** What the platform panel shows: figures, method, caveats and the sources of both catalogue figures. */
async function platformShown(page) {
  return {
    figures: await figures(page, 'platform'),
    method: await page.locator('#panel-platform [data-method]').textContent(),
    caveats: await page.$$eval('#panel-platform .caveats li', (items) => items.map((li) => li.textContent)),
    outageSources: await sourceLinks(page, 'platform', 'outage'),
    revenueSources: await sourceLinks(page, 'platform', 'revenue'),
    outageTitle: await page.locator('#panel-platform [data-catalogue="outage"] h3').textContent(),
  };
}

/** The differences between what the page shows and the API's platform-loss answer. */
function comparePlatform(shown, answer) {
  const wrong = compareFigures(shown.figures, answer, 'USD', ['grossLoss', 'netLoss', 'revenuePerHour']);
  if (shown.method !== answer.method) wrong.push(`method: shown ${shown.method}\nAPI ${answer.method}`);
  if (JSON.stringify(shown.caveats) !== JSON.stringify(answer.caveats)) wrong.push(`caveats: ${shown.caveats}`);
  const links = (sources) => sources.map((s) => ({ href: s.url, text: s.title }));
  if (JSON.stringify(shown.outageSources) !== JSON.stringify(links(answer.outage.sources)))
    wrong.push(`outage sources: ${JSON.stringify(shown.outageSources)}`);
  if (JSON.stringify(shown.revenueSources) !== JSON.stringify(links(answer.revenue.sources)))
    wrong.push(`revenue sources: ${JSON.stringify(shown.revenueSources)}`);
  if (!shown.outageTitle?.includes(answer.outage.title)) wrong.push(`outage title: ${shown.outageTitle}`);
  return wrong;
}

/** Picks the October 2021 outage and Q4 2021 advertising revenue, as a journalist would. */
async function journalistChecks(page) {
  await page.locator('#tab-platform').click();
  const revenuePicker = page.getByLabel('Revenue figure', { exact: true });
  const outagePicker = page.locator('#panel-platform').getByLabel('Outage', { exact: true });
  const offered = await outagePicker.locator('option').evaluateAll((os) => os.map((o) => o.value));
  const catalogue = await (await fetch(`${BASE}/v1/outages`)).json();
  check(
    'the outage picker lists every catalogue outage, and "custom windows"',
    offered.includes('') && catalogue.outages.every((o) => offered.includes(o.id)),
    JSON.stringify(offered),
  );
  await revenuePicker.selectOption('meta:2021-Q4:advertising');
  await outagePicker.selectOption('meta-2021-10-04');
  const before = page.url();
  await page.locator('#panel-platform button[type="submit"]').click();
  // The body the page sends: the example's other fields, with both refs in place of the typed values.
  const body = {
    revenue: { ref: 'meta:2021-Q4:advertising' },
    affectedShare: '1',
    outage: { ref: 'meta-2021-10-04' },
    trafficProfile: 'even',
    profileTimeZone: 'UTC',
    recapture: '0',
    options: { explain: true },
  };
  const expected = await api('/v1/platform-loss', body);
  // By hand: Q4 2021 has 92 days = 2,208 hours; $32,640,000,000 ÷ 2,208 = $14,782,608.695… an hour; the
  // catalogue window 15:39–21:05 UTC is 326 minutes, so the loss is
  // 14,782,608.695… × 326 ÷ 60 = 80,318,840.579… → 80,318,840.58.
  check(
    'the API answers the journalist’s question: USD 80,318,840.58 over 326 minutes',
    expected.body.netLoss === '80318840.58' && expected.body.outageMinutes === '326.00',
    JSON.stringify(expected.body).slice(0, 300),
  );
  await waitForFigure(page, 'platform', 'netLoss', expected.body.netLoss);
  await page.waitForFunction((old) => location.href !== old, before);
  const wrong = comparePlatform(await platformShown(page), expected.body);
  check(
    'picking meta-2021-10-04 and a revenue ref shows the API’s loss, method, caveats and sources',
    wrong.length === 0,
    wrong.join('\n'),
  );
  await shot(page, '11-catalogue-platform-loss');
  const link = page.url();
  const violations = await axeViolations(page);
  check(
    'axe-core finds no serious or critical violation (catalogue result)',
    violations.length === 0,
    violations.join('\n'),
  );

  const second = await freshBrowser(360, 780);
  try {
    await second.page.goto(link);
    await waitForFigure(second.page, 'platform', 'netLoss', expected.body.netLoss);
    const { scrollWidth, clientWidth } = await noHorizontalScroll(second.page);
    check(
      'the journalist’s answer at 360 px has no horizontal scroll',
      scrollWidth <= clientWidth,
      `${scrollWidth} > ${clientWidth}`,
    );
    const again = comparePlatform(await platformShown(second.page), expected.body);
    const refs = [
      await second.page.getByLabel('Revenue figure', { exact: true }).inputValue(),
      await second.page.locator('#panel-platform').getByLabel('Outage', { exact: true }).inputValue(),
    ];
    check(
      'the permalink keeps both refs and reproduces the answer in a fresh browser',
      again.length === 0 && refs[0] === 'meta:2021-Q4:advertising' && refs[1] === 'meta-2021-10-04',
      `${refs}\n${again.join('\n')}`,
    );
    await shot(second.page, '12-catalogue-permalink');
    check('the fresh browser met no CSP or script error', second.trouble.length === 0, second.trouble.join('\n'));
  } finally {
    await second.close();
  }

  // Back to custom windows: what was typed there comes back.
  await outagePicker.selectOption('');
  const start = await page.locator('#platform-outage-windows-0-start').inputValue();
  check(
    'choosing "custom windows" again brings back the windows typed before',
    start === '2021-10-04T15:30:00Z',
    start,
  );
}

/** Campaign impact with the catalogue outage: the answer's outage title, windows and sources shown. */
async function impactOutageChecks(page) {
  await page.locator('#tab-impact').click();
  await page.locator('#panel-impact').getByLabel('Outage', { exact: true }).selectOption('meta-2021-10-04');
  await page.locator('#panel-impact button[type="submit"]').click();
  await page.waitForSelector('#panel-impact [data-catalogue="outage"]', { timeout: 20_000 });
  const catalogue = await (await fetch(`${BASE}/v1/outages/meta-2021-10-04`)).json();
  const links = await sourceLinks(page, 'impact', 'outage');
  const windows = await page.$$eval('#panel-impact [data-catalogue="outage"] .windows li', (li) =>
    li.map((x) => x.textContent),
  );
  check(
    'campaign impact with a catalogue outage shows its title, windows and sources',
    links.length === catalogue.sources.length &&
      links.every((l, i) => l.href === catalogue.sources[i].url) &&
      windows[0]?.startsWith('2021-10-04T15:39:00Z to 2021-10-04T21:05:00Z'),
    `${JSON.stringify(windows)} ${links.length}`,
  );
  check('the permalink holds the outage ref', (await decodeLink(page.url()))?.outage?.ref === 'meta-2021-10-04');
  await shot(page, '13-catalogue-impact');
}

// ------------------------------------------------------------------------------------------------
// The event study: a price CSV chosen with the file picker, and one dropped on the box
// ------------------------------------------------------------------------------------------------

/** The synthetic example of examples/ as the CSV a person would have: date,close,benchmarkClose. */
function exampleCsv(example, change = () => {}) {
  const rows = example.prices.map((p, i) => [p.date, p.close, example.benchmark[i].close]);
  change(rows);
  return ['date,close,benchmarkClose', ...rows.map((r) => r.join(','))].join('\r\n');
}

async function eventFigures(page) {
  const shown = await figures(page, 'event-study');
  return Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, v.value]));
}

async function eventStudyChecks(page) {
  const example = JSON.parse(readFileSync('examples/event-study-synthetic.json', 'utf8'));
  await page.locator('#tab-event-study').click();
  const opening = await api('/v1/market-cap/event-study', { ...example, options: { explain: true } });
  await waitForFigure(page, 'event-study', 't', opening.body.t);
  check(
    'the event study opens with the synthetic example, labelled as synthetic',
    (await page.locator('#panel-event-study .notice.synthetic').textContent())?.includes('not real market data'),
  );

  // The file picker: the example's series as a file, and the event window widened to the next day.
  const dir = mkdtempSync(join(tmpdir(), 'prices-'));
  const file = join(dir, 'prices.csv');
  writeFileSync(file, exampleCsv(example));
  await page.getByLabel('Or choose a CSV file').setInputFiles(file);
  await page.waitForFunction(() =>
    /prices\.csv/.test(document.querySelector('#panel-event-study .file-status')?.textContent ?? ''),
  );
  await page.getByLabel('Last day of the event window').fill('1');
  const expected = await api('/v1/market-cap/event-study', {
    ...example,
    eventWindow: [0, 1],
    options: { explain: true },
  });
  check(
    'the API answers the example with a two-day event window',
    expected.status === 200 && expected.body.days.length === 2 && expected.body.t !== opening.body.t,
    JSON.stringify(expected.body).slice(0, 300),
  );
  await page.locator('#panel-event-study button[type="submit"]').click();
  await waitForFigure(page, 'event-study', 't', expected.body.t);
  const shown = await eventFigures(page);
  const keys = ['t', 'pValue', 'car', 'carPercent', 'alpha', 'beta', 'rSquared', 'abnormalMarketCapChange'];
  const wrong = keys.filter((k) => shown[k] !== expected.body[k]).map((k) => `${k}: ${shown[k]} ≠ ${expected.body[k]}`);
  check('an uploaded price CSV gives t, p and CAR equal to the API’s', wrong.length === 0, wrong.join('\n'));
  const tableRows = await page.locator('#panel-event-study .table-scroll table tbody tr').count();
  check(
    'the event-window table has a row per day, and uPlot draws the abnormal returns',
    tableRows === 2 && (await page.locator('#panel-event-study .chart .uplot canvas').count()) === 1,
    `${tableRows} rows`,
  );
  const method = await page.locator('#panel-event-study [data-method]').textContent();
  check('the event study shows the API’s method paragraph', method === expected.body.method, method ?? '');
  await shot(page, '14-event-study-upload');
  const link = page.url();

  // Drag and drop: a file whose 5th close is not a number; the API's message lands at the CSV box.
  const bad = exampleCsv(example, (rows) => {
    rows[4][1] = 'n/a';
  });
  await page.locator('#event-study-csv').evaluate((box, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    box.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, bad);
  await page.waitForFunction(() =>
    /dropped\.csv/.test(document.querySelector('#panel-event-study .file-status')?.textContent ?? ''),
  );
  const refused = await api('/v1/market-cap/event-study', {
    ...example,
    prices: example.prices.map((p, i) => (i === 4 ? { ...p, close: 'n/a' } : p)),
  });
  const error = refused.body.errors?.find((e) => e.pointer === '/prices/4/close');
  await page.locator('#panel-event-study button[type="submit"]').click();
  await page.waitForSelector('#event-study-csv[aria-invalid="true"]', { timeout: 20_000 });
  const message = await page.locator('#event-study-csv-err').textContent();
  check(
    'a dropped CSV with a bad close shows the API’s message at the CSV box, naming the row',
    refused.status === 422 && Boolean(error) && message?.includes(error.detail) && message.includes('data row 5'),
    `${message}\n${JSON.stringify(error)}`,
  );
  await shot(page, '15-event-study-dropped-bad');
  const violations = await axeViolations(page);
  check(
    'axe-core finds no serious or critical violation (event study)',
    violations.length === 0,
    violations.join('\n'),
  );

  const second = await freshBrowser(360, 780);
  try {
    await second.page.goto(link);
    await waitForFigure(second.page, 'event-study', 't', expected.body.t);
    const again = await eventFigures(second.page);
    check(
      'the event study’s permalink reproduces t and p in a fresh browser',
      again.t === expected.body.t && again.pValue === expected.body.pValue,
      JSON.stringify(again),
    );
    const { scrollWidth, clientWidth } = await noHorizontalScroll(second.page);
    check(
      'the event study at 360 px has no horizontal scroll',
      scrollWidth <= clientWidth,
      `${scrollWidth} > ${clientWidth}`,
    );
    await shot(second.page, '16-event-study-360');

    // Shares instead of the market cap: valued at the close before the event window.
    const panel = second.page.locator('#panel-event-study');
    await panel
      .getByRole('group', { name: 'Size of the company (optional)' })
      .getByLabel('Given as')
      .selectOption('shareClasses');
    await panel.getByRole('button', { name: 'Add share class' }).click();
    await panel.getByLabel('Shares outstanding').fill('1000000000');
    const { marketCap, ...withoutCap } = example;
    const byShares = await api('/v1/market-cap/event-study', {
      ...withoutCap,
      eventWindow: [0, 1],
      shareClasses: [{ shares: '1000000000' }],
      options: { explain: true },
    });
    // By hand: the close before the event window (2030-07-03) is 259.07, so 1,000,000,000 shares are
    // worth 259,070,000,000.00.
    check(
      'the API values 1,000,000,000 shares at the close before the event: 259,070,000,000.00',
      byShares.body.marketCapBefore === '259070000000.00' && marketCap === '650000000000',
      JSON.stringify(byShares.body).slice(0, 300),
    );
    await panel.locator('button[type="submit"]').click();
    await waitForFigure(second.page, 'event-study', 'marketCapBefore', byShares.body.marketCapBefore);
    const shares = await eventFigures(second.page);
    check(
      'the event study with share classes shows the API’s market cap and abnormal change',
      shares.abnormalMarketCapChange === byShares.body.abnormalMarketCapChange &&
        shares.sharesOutstanding === byShares.body.sharesOutstanding,
      JSON.stringify(shares),
    );
    const narrow = await axeViolations(second.page);
    check(
      'axe-core finds no serious or critical violation (event study, 360 px)',
      narrow.length === 0,
      narrow.join('\n'),
    );
  } finally {
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------
// Market cap given directly, and the benchmark as index levels
// ------------------------------------------------------------------------------------------------

async function marketCapChecks(page) {
  await page.locator('#tab-market-cap').click();
  await waitForFigure(page, 'market-cap', 'marketCapChange', '-46677924678.48');
  const panel = page.locator('#panel-market-cap');
  await panel.getByRole('group', { name: 'Size of the company' }).getByLabel('Given as').selectOption('marketCap');
  await page.getByLabel('Market cap at the price before').fill('954171331583.16');
  await panel.getByRole('group', { name: 'Benchmark move' }).getByLabel('Given as').selectOption('levels');
  await page.getByLabel('Benchmark level before').fill('100');
  await page.getByLabel('Benchmark level after').fill('97.86');
  const body = {
    currency: 'USD',
    marketCap: '954171331583.16',
    price: { before: '343.01', after: '326.23' },
    benchmark: { before: '100', after: '97.86', beta: '1' },
    holders: [{ name: 'Founder', shares: '350000000' }],
    revenueLoss: '99862637.36',
    options: { explain: true },
  };
  const expected = await api('/v1/market-cap', body);
  // By hand: 954,171,331,583.16 is §6's 2,781,759,516 shares × 343.01, so the change is §6's
  // 2,781,759,516 × (326.23 − 343.01) = −46,677,924,678.48; the index from 100 to 97.86 is −2.14 %, so with
  // β = 1 the abnormal change is −4.8920 − (−2.1400) = −2.7520 %, as in §6.
  check(
    'the API answers market cap given directly, benchmark as levels: −46,677,924,678.48 and −2.7520 %',
    expected.body.marketCapChange === '-46677924678.48' && expected.body.abnormalChangePercent === '-2.7520',
    JSON.stringify(expected.body).slice(0, 400),
  );
  await panel.locator('button[type="submit"]').click();
  // The example's answer has the same figures: wait for this answer's own method paragraph.
  await page.waitForFunction(
    (method) => document.querySelector('#panel-market-cap [data-method]')?.textContent === method,
    expected.body.method,
    { timeout: 20_000 },
  );
  const shown = await figures(page, 'market-cap');
  const keys = ['marketCapChange', 'expectedChangePercent', 'abnormalChangePercent', 'abnormalMarketCapChange'];
  const wrong = keys.filter((k) => shown[k]?.value !== expected.body[k]);
  const method = await page.locator('#panel-market-cap [data-method]').textContent();
  check(
    'market cap given directly with benchmark levels shows the API’s figures and method',
    wrong.length === 0 && method === expected.body.method && !('sharesOutstanding' in shown),
    `${wrong.map((k) => `${k}: ${JSON.stringify(shown[k])} ≠ ${expected.body[k]}`).join('\n')}\n${method}`,
  );
  const sent = await decodeLink(page.url());
  check(
    'the permalink holds the market cap and the benchmark levels, and no share classes',
    sent?.marketCap === '954171331583.16' && sent?.benchmark?.before === '100' && !('shareClasses' in sent),
    JSON.stringify(sent),
  );
  await shot(page, '17-market-cap-direct');
}

// ------------------------------------------------------------------------------------------------
// Uncertainty: the simulation's percentile band and the tornado (docs/uncertainty.md's example)
// ------------------------------------------------------------------------------------------------

const UNCERTAIN = {
  outage: { timeZone: 'UTC', windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T17:00:00Z' }] },
  campaigns: [
    {
      id: 'analyst',
      currency: 'USD',
      budget: { amount: '1200', period: 'day' },
      cpm: '10',
      ctr: '0.01',
      cvr: { low: '0.04', high: '0.06' },
      aov: { low: '60', base: '65', high: '80' },
      grossMargin: '0.4',
      recovery: { recapture: { low: '0.2', high: '0.6' } },
    },
  ],
};

async function uncertaintyChecks(context) {
  const page = await context.newPage();
  try {
    await page.goto(`${BASE}/#impact/j.${encodeURIComponent(JSON.stringify(UNCERTAIN))}`);
    // By hand: 2 hours of an even 1,200 a day is U = 100 lost; 1000 × 100 ÷ 10 = 10,000 impressions, 100
    // clicks per unit of (1 − recapture), so lost revenue = 100 × (1 − ρ) × cvr × aov; at base (ρ = 0.4,
    // cvr 0.05, aov 65) 100 × 0.6 × 0.05 × 65 = 195.00.
    await waitForFigure(page, 'totals-USD', 'lostRevenue', '195.00');
    const panel = page.locator('#panel-impact');
    await panel.getByLabel('Simulate', { exact: true }).selectOption('on');
    await panel.getByLabel('Number of draws').fill('10000');
    await panel.getByLabel('Seed of the random numbers').fill('1');
    await panel.getByLabel('Rank the uncertain inputs by their effect (tornado)').check();
    await panel.locator('button[type="submit"]').click();
    await page.waitForSelector('#impact-total-USD-band .uplot canvas', { timeout: 20_000 });
    const options = {
      simulation: { distribution: 'triangular', draws: 10000, seed: 1 },
      sensitivity: true,
      explain: true,
      timeline: 'hour',
    };
    const expected = await api('/v1/impact', { ...UNCERTAIN, options });
    const bars = expected.body.campaigns[0].sensitivity.bars;
    // By hand, recapture alone from 0.2 to 0.6: 100 × 0.8 × 0.05 × 65 = 260.00 and 100 × 0.4 × 0.05 × 65 = 130.00.
    check(
      'the API’s tornado puts recapture first: 260.00 at its low, 130.00 at its high',
      bars[0]?.input === 'recovery.recapture' && bars[0].atLow === '260.00' && bars[0].atHigh === '130.00',
      JSON.stringify(bars),
    );
    const sim = expected.body.totals[0].simulation;
    const shownSim = await page.$$eval('#panel-impact tr[data-metric]', (rows) =>
      Object.fromEntries(
        rows.map((r) => [
          r.getAttribute('data-metric'),
          [...r.querySelectorAll('td[data-value]')].map((td) => td.getAttribute('data-value')),
        ]),
      ),
    );
    const wrongSim = Object.entries(sim)
      .filter(
        ([metric, q]) =>
          q && JSON.stringify(shownSim[metric]?.slice(1)) !== JSON.stringify([q.mean, q.p5, q.p50, q.p95]),
      )
      .map(([metric, q]) => `${metric}: shown ${shownSim[metric]}, API ${JSON.stringify(q)}`);
    check(
      'the percentile table shows the API’s mean, P5, P50 and P95 of each figure',
      wrongSim.length === 0,
      wrongSim.join('\n'),
    );
    const shownBars = await page.$$eval('#panel-impact tr[data-input]', (rows) =>
      rows.map((r) => [
        r.getAttribute('data-input'),
        ...[...r.querySelectorAll('td[data-value]')].map((td) => td.getAttribute('data-value')),
      ]),
    );
    check(
      'the tornado table shows the API’s bars in its order, and both pictures are drawn by uPlot',
      JSON.stringify(shownBars) === JSON.stringify(bars.map((b) => [b.input, b.atLow, b.atHigh, b.swing])) &&
        (await page.locator('#impact-campaign-0-tornado .uplot canvas').count()) === 1,
      JSON.stringify(shownBars),
    );
    const sent = await decodeLink(page.url());
    check(
      'the permalink holds the simulation’s settings as numbers, and the tornado',
      sent?.options?.simulation?.draws === 10000 &&
        sent.options.simulation.seed === 1 &&
        sent.options.sensitivity === true,
      JSON.stringify(sent?.options),
    );
    await shot(page, '18-uncertainty');
    const violations = await axeViolations(page);
    check(
      'axe-core finds no serious or critical violation (percentiles and tornado)',
      violations.length === 0,
      violations.join('\n'),
    );
    await page.setViewportSize({ width: 360, height: 780 });
    const { scrollWidth, clientWidth } = await noHorizontalScroll(page);
    check(
      'percentiles and tornado at 360 px: no horizontal scroll',
      scrollWidth <= clientWidth,
      `${scrollWidth} > ${clientWidth}`,
    );
    await shot(page, '19-uncertainty-360');
  } finally {
    await page.close();
  }
}

// ------------------------------------------------------------------------------------------------
// Import: an Ads Manager or Google Ads export, chosen, dropped, and refused
// ------------------------------------------------------------------------------------------------

const IMPORT_QUERY = 'outage=meta-2024-03-05&timeZone=Europe%2FBerlin&grossMargin=0.4';

async function importApi(bytes) {
  const res = await fetch(`${BASE}/v1/impact/import?${IMPORT_QUERY}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: bytes,
  });
  return { status: res.status, body: await res.json() };
}

/** The campaign table: { name: { lostSpend, lostRevenue } } from the cells' data-value. */
async function importRows(page) {
  return page.$$eval('#panel-import tr[data-row]', (rows) =>
    rows.map((r) => [
      r.getAttribute('data-row'),
      [...r.querySelectorAll('td[data-value]')].map((td) => td.getAttribute('data-value')),
    ]),
  );
}

/** What the API's rows give for the same cells as the page's table (spendPerDay … netContributionChange). */
const importRowCells = (rows) =>
  rows.map((r) => [
    r.name,
    [
      r.spendPerDay,
      r.cpm,
      r.ctr,
      r.cvr,
      r.aov,
      r.conversionEvent,
      r.lostSpend,
      r.lostImpressions,
      r.lostConversions,
      r.lostRevenue,
      r.netContributionChange,
    ].map((v) => v ?? ''),
  ]);

async function importChecks(page) {
  await page.locator('#tab-import').click();
  const sample = await importApi(readFileSync('examples/meta-ads-manager-2024-03.constructed-sample.csv'));
  const first = sample.body.rows[0];
  // By hand: 7,203.55 spent over February 2024 (29 days, 696 hours) is 7,203.55 × 24 ÷ 696 = 248.40 a day;
  // the catalogue's 5 March 2024 window, 15:00–17:19 UTC, is 139 minutes: 248.40… × 139 ÷ 1440 = 23.98.
  check(
    'the API reads the constructed sample: 248.40 a day and 23.98 lost for its first campaign',
    first?.spendPerDay === '248.40' && first.lostSpend === '23.98',
    JSON.stringify(first),
  );
  await waitForFigure(page, 'import-totals-EUR', 'lostSpend', sample.body.totals[0].lostSpend);
  check(
    'the import opens with the constructed sample, labelled as such, its table equal to the API’s rows',
    JSON.stringify(await importRows(page)) === JSON.stringify(importRowCells(sample.body.rows)) &&
      (await page.locator('#panel-import .notice.synthetic').textContent())?.includes('not a real account'),
  );

  // A Google Ads report saved by Excel as UTF-16 text, chosen with the file picker.
  const utf16 = 'test/fixtures/import/google-ads-excel-utf16.csv';
  const google = await importApi(readFileSync(utf16));
  // By hand: 1,200.00 over 1–10 March 2024 is 120.00 a day; 139 minutes of it is 120 × 139 ÷ 1440 = 11.58.
  check(
    'the API reads the UTF-16 Google Ads fixture: 120.00 a day, 11.58 lost',
    google.body.rows?.[0]?.spendPerDay === '120.00' && google.body.rows[0].lostSpend === '11.58',
    JSON.stringify(google.body).slice(0, 300),
  );
  await page.getByLabel('Or choose the export file').setInputFiles(utf16);
  await page.waitForFunction(() =>
    /google-ads-excel-utf16/.test(document.querySelector('#panel-import .file-status')?.textContent ?? ''),
  );
  await page.locator('#panel-import button[type="submit"]').click();
  await waitForFigure(page, 'import-totals-USD', 'lostSpend', google.body.totals[0].lostSpend);
  const shown = await importRows(page);
  check(
    'uploading an export fills the table with the API’s answer for that file (UTF-16 read in the page)',
    JSON.stringify(shown) === JSON.stringify(importRowCells(google.body.rows)),
    `${JSON.stringify(shown)}\n${JSON.stringify(importRowCells(google.body.rows))}`,
  );
  await shot(page, '20-import-upload');
  const link = page.url();

  // Dropped on the box: the Meta fixture in euros.
  const meta = readFileSync('test/fixtures/import/meta-eur.csv', 'utf8');
  const metaAnswer = await importApi(meta);
  await page.locator('#import-csv').evaluate((box, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'meta-eur.csv', { type: 'text/csv' }));
    box.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, meta);
  await page.waitForFunction(() =>
    /meta-eur/.test(document.querySelector('#panel-import .file-status')?.textContent ?? ''),
  );
  await page.locator('#panel-import button[type="submit"]').click();
  await waitForFigure(page, 'import-totals-EUR', 'lostSpend', metaAnswer.body.totals[0].lostSpend);
  check(
    'a dropped export fills the table with the API’s answer',
    JSON.stringify(await importRows(page)) === JSON.stringify(importRowCells(metaAnswer.body.rows)),
  );

  // A file that is no export: the API's message at the file box.
  const refused = await importApi('a,b\n1,2\n');
  await page.locator('#import-csv').fill('a,b\n1,2\n');
  await page.locator('#panel-import button[type="submit"]').click();
  await page.waitForSelector('#import-csv[aria-invalid="true"]', { timeout: 20_000 });
  const message = await page.locator('#import-csv-err').textContent();
  check(
    'a file that is not an export shows the API’s message at the file box',
    refused.status === 422 && refused.body.errors.every((e) => message?.includes(e.detail)),
    `${message}\n${JSON.stringify(refused.body.errors)}`,
  );
  await shot(page, '21-import-refused');
  const violations = await axeViolations(page);
  check('axe-core finds no serious or critical violation (import)', violations.length === 0, violations.join('\n'));

  const second = await freshBrowser(360, 780);
  try {
    await second.page.goto(link);
    await waitForFigure(second.page, 'import-totals-USD', 'lostSpend', google.body.totals[0].lostSpend);
    check(
      'the import’s permalink reproduces the table in a fresh browser',
      JSON.stringify(await importRows(second.page)) === JSON.stringify(importRowCells(google.body.rows)),
    );
    const { scrollWidth, clientWidth } = await noHorizontalScroll(second.page);
    check(
      'the import at 360 px has no horizontal scroll',
      scrollWidth <= clientWidth,
      `${scrollWidth} > ${clientWidth}`,
    );
    await shot(second.page, '22-import-360');
    check(
      'the fresh browser met no CSP or script error (import)',
      second.trouble.length === 0,
      second.trouble.join('\n'),
    );
  } finally {
    await second.close();
  }
}

/** The request body a permalink holds (the page's own codec, run in Node). */
async function decodeLink(url) {
  const { decodeState } = await import('../../public/app/permalink.js');
  const state = await decodeState(new URL(url).hash);
  return state && 'body' in state ? state.body : undefined;
}

let server;
try {
  server = await startServer();
  console.log(`== the web calculator in Chromium, against ${BASE}`);
  await run();
} catch (error) {
  check('the browser test ran', false, String(error?.stack ?? error));
} finally {
  if (server) stopServer(server);
  finish();
}
process.exit(failed === 0 && passed > 0 ? 0 : 1);
