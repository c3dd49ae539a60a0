/**
 * The bench's one-campaign requests (scripts/bench.ts, and scripts/bench-ab.ts measuring two builds side by side):
 * one set of shapes, so that both measure the same requests.
 */
export const funnel = { cpm: '9.50', ctr: '0.011', cvr: '0.03', aov: '72', grossMargin: '0.4' };
export const campaign = (extra: object = {}) => ({
  currency: 'USD',
  timeZone: 'America/New_York',
  budget: { amount: '1200', period: 'day' },
  ...funnel,
  recovery: { recapture: '0.5', cpmPremium: '0.1' },
  ...extra,
});
export const TWO_HOURS = { windows: [{ start: '2021-10-04T15:00:00Z', end: '2021-10-04T17:00:00Z' }] };
export const weights24 = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? '3' : '1'));

/** One-campaign requests of several shapes (a whole request each); the first is the one held to its floor. */
export const SHAPES: Record<string, { outage: object; campaign: object }> = {
  'even daily budget, one 2-hour window': { outage: TWO_HOURS, campaign: campaign() },
  '24-weight profile, three windows over a DST day': {
    outage: {
      windows: [
        { start: '2021-11-07T04:00:00Z', end: '2021-11-07T05:30:00Z' },
        { start: '2021-11-07T06:00:00Z', end: '2021-11-07T07:30:00Z' },
        { start: '2021-11-07T12:00:00Z', end: '2021-11-07T14:00:00Z', deliveryLoss: '0.4' },
      ],
    },
    campaign: campaign({ deliveryProfile: weights24 }),
  },
  'lifetime budget, 30-day window': {
    outage: { windows: [{ start: '2021-10-01T00:00:00Z', end: '2021-10-31T00:00:00Z' }] },
    campaign: campaign({
      budget: { amount: '90000', period: 'lifetime' },
      flight: { start: '2021-09-01T00:00:00', end: '2021-12-01T00:00:00' },
    }),
  },
  'four ranged inputs': {
    outage: TWO_HOURS,
    campaign: campaign({
      cpm: { low: '8', high: '11' },
      ctr: { low: '0.009', high: '0.013' },
      aov: { low: '60', high: '80' },
      recovery: { recapture: { low: '0.3', high: '0.7' } },
    }),
  },
  '366-day window, even daily budget': {
    outage: { windows: [{ start: '2021-01-01T00:00:00Z', end: '2022-01-02T00:00:00Z' }] },
    campaign: campaign(),
  },
};
