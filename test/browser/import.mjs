import { readFileSync } from 'node:fs';
import { BASE, check } from './support/harness.mjs';
import { axeViolations, freshBrowser, noHorizontalScroll, shot, waitForFigure } from './support/page.mjs';

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

export async function importChecks(page) {
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
