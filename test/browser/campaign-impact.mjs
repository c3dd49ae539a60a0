import { readFileSync } from 'node:fs';
import { BASE, cellsOf, check, step } from './support/harness.mjs';
import { EXAMPLE, TOTAL_METRICS } from './support/example.mjs';
import { api } from './support/server.mjs';
import {
  axeViolations,
  compareFigures,
  figures,
  freshBrowser,
  groupDigits,
  noHorizontalScroll,
  shot,
  waitForFigure,
} from './support/page.mjs';

// Campaign impact, the first panel: the example by hand, then what a person does with it (derivation,
// download, keyboard, recompute, permalink, bad input, a narrow screen, two currencies, a range, a typo).

/** The API's answer to DESIGN.md §4's example, checked by hand; the page must show exactly this. */
export async function exampleAnswerChecks() {
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
  return example;
}

/** The campaign-impact panel in the first browser, from the first visit on. */
export async function campaignImpactChecks(first, example) {
  const apiTotals = example.body.totals[0];
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
}
