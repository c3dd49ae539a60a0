import { BASE, check } from './support/harness.mjs';
import { api } from './support/server.mjs';
import { axeViolations, decodeLink, noHorizontalScroll, shot, waitForFigure } from './support/page.mjs';

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

export async function uncertaintyChecks(context) {
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
