// Part of `npm run bench`: the floors that whole requests are held against, written here as tightly as the
// answers allow, with the service's decimal.js settings (35 significant digits, half-even). Each floor gives
// the service's own answer for its request; bench.ts checks that in the same run, so a floor cannot get
// cheap by leaving work out.
import Decimal from 'decimal.js';
import type { Fetch } from './bench-requests';

const D = Decimal.clone({ precision: 35, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -60, toExpPos: 60 });
const HALF_EVEN = Decimal.ROUND_HALF_EVEN;
const MINUTE_MS = 60_000;
const DAY_MINUTES = new D(1440);
const THOUSAND = new D(1000);

/** The one-campaign request the floor answers: an even daily budget, one window inside one local day. */
export interface FloorCampaign {
  currency: string;
  budget: { amount: string; period: 'day' };
  cpm: string;
  ctr: string;
  cvr: string;
  aov: string;
  grossMargin: string;
  recovery: { recapture: string; cpmPremium: string };
}
interface FloorBody {
  outage: { windows: [{ start: string; end: string }] };
  campaigns: [FloorCampaign];
}

const money = (x: Decimal) => x.toFixed(2, HALF_EVEN);
const ratio = (x: Decimal) => x.toFixed(6, HALF_EVEN);

/**
 * The floor of a one-campaign POST /v1/impact: read the body, JSON.parse it, make Decimals of its numbers and
 * instants of its times, then the answer's formulas (DESIGN.md section 4: planned, lost and recaptured spend,
 * the funnel chain, the three derived funnel parameters), round the 18 numbers and write the same JSON, both
 * the campaign and its totals. Only for a window that stays in one local day of an even daily budget, which
 * needs no time-zone arithmetic; the recapture is capped by the rest of that day's budget.
 */
export const oneCampaignFloor: Fetch = async (request) => {
  const body = JSON.parse(await request.text()) as FloorBody;
  const [window] = body.outage.windows;
  const [c] = body.campaigns;
  const minutes = new D((Date.parse(window.end) - Date.parse(window.start)) / MINUTE_MS);
  const amount = new D(c.budget.amount);
  const [cpm, ctr, cvr, aov, gm, rho, pi] = [c.cpm, c.ctr, c.cvr, c.aov, c.grossMargin, ...recovery(c)].map(
    (v) => new D(v),
  ) as [Decimal, Decimal, Decimal, Decimal, Decimal, Decimal, Decimal];
  const planned = amount.times(minutes).dividedBy(DAY_MINUTES);
  const lost = planned;
  const headroom = amount.times(DAY_MINUTES.minus(minutes)).dividedBy(DAY_MINUTES);
  const recaptured = rho.times(Decimal.min(lost, headroom));
  const net = lost.minus(recaptured);
  const effective = lost.minus(recaptured.dividedBy(pi.plus(1)));
  const cpc = cpm.dividedBy(THOUSAND.times(ctr));
  const cpa = cpc.dividedBy(cvr);
  const roas = aov.dividedBy(cpa);
  const impressions = THOUSAND.times(effective).dividedBy(cpm);
  const clicks = impressions.times(ctr);
  const conversions = clicks.times(cvr);
  const revenue = conversions.times(aov);
  const profit = revenue.times(gm);
  const outputs = {
    plannedSpend: money(planned),
    lostSpend: money(lost),
    recapturedSpend: money(recaptured),
    netLostSpend: money(net),
    lostImpressions: money(impressions),
    lostClicks: money(clicks),
    lostConversions: money(conversions),
    lostRevenue: money(revenue),
    lostGrossProfit: money(profit),
    netContributionChange: money(net.minus(profit)),
  };
  const input = (x: Decimal) => ({ value: ratio(x), source: 'input' });
  const derived = (x: Decimal) => ({ value: ratio(x), source: 'derived' });
  const funnel = { cpm: input(cpm), ctr: input(ctr), cpc: derived(cpc), cvr: input(cvr) };
  const campaign = {
    currency: c.currency,
    outageMinutes: money(minutes),
    ...outputs,
    funnel: { ...funnel, cpa: derived(cpa), aov: input(aov), roas: derived(roas) },
    undetermined: [],
  };
  const totals = {
    currency: c.currency,
    ...outputs,
    lostConversionsByEvent: { conversion: outputs.lostConversions },
    undetermined: {},
  };
  return Response.json({ campaigns: [campaign], totals: [totals] });
};

function recovery(c: FloorCampaign): [string, string] {
  return [c.recovery.recapture, c.recovery.cpmPremium];
}

/** The timeline floor's request: a daily budget over 24 local-hour weights, no recapture, whole hours. */
export interface TimelineFloorInput {
  amount: string;
  weights: readonly string[];
  /** The campaign's offset from UTC in hours, constant over the window (no DST change inside it). */
  offsetHours: number;
  startMs: number;
  hours: number;
  cpm: string;
  ctr: string;
  cvr: string;
  aov: string;
}

/**
 * The tight per-row floor of an hourly timeline: per row, a multiply and a divide for the hour's planned spend
 * and for each funnel output's share of the campaign's total; then each of the five columns rounded by largest
 * remainder so that it adds up to the campaign's rounded total, and the rows written as the service writes them.
 * Returns the rows' JSON (the service's `timeline` array).
 */
export function timelineFloor(input: TimelineFloorInput): string {
  const amount = new D(input.amount);
  const weights = input.weights.map((w) => new D(w));
  const weightSum = weights.reduce((s, w) => s.plus(w), new D(0));
  const planned: Decimal[] = [];
  for (let i = 0; i < input.hours; i++) {
    const utcHour = new Date(input.startMs + i * 3_600_000).getUTCHours();
    const weight = weights[(utcHour + input.offsetHours + 24) % 24] as Decimal;
    planned.push(amount.times(weight).dividedBy(weightSum));
  }
  const lostTotal = planned.reduce((s, p) => s.plus(p), new D(0));
  const impressionsTotal = THOUSAND.times(lostTotal).dividedBy(input.cpm);
  const conversionsTotal = impressionsTotal.times(input.ctr).times(input.cvr);
  const revenueTotal = conversionsTotal.times(input.aov);
  const share = (total: Decimal) => planned.map((lost) => total.times(lost).dividedBy(lostTotal));
  const columns = [
    largestRemainder(planned, lostTotal),
    largestRemainder(planned, lostTotal),
    largestRemainder(share(impressionsTotal), impressionsTotal),
    largestRemainder(share(conversionsTotal), conversionsTotal),
    largestRemainder(share(revenueTotal), revenueTotal),
  ];
  const rows = planned.map((_, i) => ({
    start: instant(input.startMs + i * 3_600_000),
    end: instant(input.startMs + (i + 1) * 3_600_000),
    plannedSpend: columns[0]?.[i],
    lostSpend: columns[1]?.[i],
    lostImpressions: columns[2]?.[i],
    lostConversions: columns[3]?.[i],
    lostRevenue: columns[4]?.[i],
  }));
  return JSON.stringify(rows);
}

const CENT = new D('0.01');

/** Largest remainder to 2 places: floor every part, give the missing cents to the largest remainders. */
function largestRemainder(values: readonly Decimal[], total: Decimal): string[] {
  const floors = values.map((v) => v.toDecimalPlaces(2, Decimal.ROUND_FLOOR));
  const order = values
    .map((v, i) => ({ i, remainder: v.minus(floors[i] as Decimal) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  const sum = floors.reduce((s, f) => s.plus(f), new D(0));
  let missing = total.toDecimalPlaces(2, HALF_EVEN).minus(sum).dividedBy(CENT).toNumber();
  for (let k = 0; missing > 0; k++, missing--) {
    const i = (order[k % order.length] as { i: number }).i;
    floors[i] = (floors[i] as Decimal).plus(CENT);
  }
  return floors.map((f) => f.toFixed(2));
}

/** An instant as the service writes it: ISO 8601 in UTC, to the second. */
function instant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
