import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from './support/harness.mjs';
import { api } from './support/server.mjs';
import { axeViolations, figures, freshBrowser, noHorizontalScroll, shot, waitForFigure } from './support/page.mjs';

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

export async function eventStudyChecks(page) {
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
