import { check } from './support/harness.mjs';
import { api } from './support/server.mjs';
import { decodeLink, figures, shot, waitForFigure } from './support/page.mjs';

// ------------------------------------------------------------------------------------------------
// Market cap given directly, and the benchmark as index levels
// ------------------------------------------------------------------------------------------------

export async function marketCapChecks(page) {
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
