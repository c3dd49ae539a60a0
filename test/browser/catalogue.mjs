import { BASE, check } from './support/harness.mjs';
import { api } from './support/server.mjs';
import {
  axeViolations,
  compareFigures,
  decodeLink,
  figures,
  freshBrowser,
  noHorizontalScroll,
  shot,
  waitForFigure,
} from './support/page.mjs';

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
export async function journalistChecks(page) {
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
export async function impactOutageChecks(page) {
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
