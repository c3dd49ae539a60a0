/** DESIGN.md section 5: Fortune's method for 4 October 2021, done without rounding the hourly rate first. */
export const PLATFORM_LOSS_EXAMPLE = {
  revenue: { amount: '29080000000', currency: 'USD', period: { quarter: '2021-Q2' } },
  affectedShare: '1',
  outage: { timeZone: 'UTC', windows: [{ start: '2021-10-04T15:30:00Z', end: '2021-10-04T23:00:00Z' }] },
  trafficProfile: 'even',
  profileTimeZone: 'UTC',
  recapture: '0',
  options: { explain: true },
};
