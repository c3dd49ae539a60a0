// DESIGN.md §4's example, written out here independently of the page's own copy.
export const EXAMPLE = {
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
export const TOTAL_METRICS = [
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
export const COUNT_UNITS = { lostImpressions: 'impressions', lostClicks: 'clicks', lostConversions: 'conversions' };
