import type { CatalogueOutageOut, OutageListResponse } from '../../schemas/catalogue';
import type { EventStudyResponse } from '../../schemas/event-study';
import type { CampaignResult, ImpactResponse } from '../../schemas/impact';
import type { MarketCapResponse } from '../../schemas/market-cap';
import type { PlatformLossResponse } from '../../schemas/platform';

/**
 * One paragraph a person can read, beside the structured answer of each tool. Every number is the
 * answer's own decimal string, copied and never re-computed, so the text cannot disagree with the JSON.
 */

/** At most this many campaigns or holders are named one by one; the rest are counted. */
const LISTED = 5;

type Metrics = Pick<
  CampaignResult,
  'lostImpressions' | 'lostClicks' | 'lostConversions' | 'lostRevenue' | 'lostGrossProfit' | 'netContributionChange'
>;

/** "a, b and c" */
function list(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The funnel outcome of lost spend, naming only the metrics the inputs determine. */
function funnelSentence(m: Metrics, currency: string): string {
  const counts = [
    m.lostImpressions === null ? null : `${m.lostImpressions} impressions`,
    m.lostClicks === null ? null : `${m.lostClicks} clicks`,
    m.lostConversions === null ? null : `${m.lostConversions} conversions`,
  ].filter((s): s is string => s !== null);
  const money = [
    m.lostRevenue === null ? null : `${m.lostRevenue} ${currency} of revenue`,
    m.lostGrossProfit === null ? null : `${m.lostGrossProfit} ${currency} of gross profit`,
  ].filter((s): s is string => s !== null);
  if (counts.length === 0 && money.length === 0) {
    return ' The funnel inputs given determine no impressions, clicks or revenue.';
  }
  const worth = money.length ? `${counts.length ? 'worth ' : ''}${list(money)}` : null;
  const cost = [counts.length ? list(counts) : null, worth].filter(Boolean).join(', ');
  const change = m.netContributionChange;
  const contribution =
    change === null
      ? ''
      : `; the net contribution change is ${change} ${currency} (negative: the advertiser is worse off)`;
  return ` Net of what the recaptured spend buys back, the outage cost ${cost}${contribution}.`;
}

function campaignSentence(c: CampaignResult): string {
  const name = c.id === undefined ? 'The campaign' : `The campaign ${JSON.stringify(c.id)}`;
  const cur = c.currency;
  const range = c.ranges?.netLostSpend;
  const between =
    range && range.low !== range.high ? ` (between ${range.low} and ${range.high} over the input ranges)` : '';
  return (
    `${name} lost ${c.lostSpend} ${cur} of spend in ${c.outageMinutes} outage minutes ` +
    `(${c.plannedSpend} ${cur} planned); budget pacing recaptures ${c.recapturedSpend} ${cur}, ` +
    `so ${c.netLostSpend} ${cur} is lost net${between}.` +
    funnelSentence(c, cur)
  );
}

function totalsClause(t: ImpactResponse['totals'][number]): string {
  const revenue = t.lostRevenue === null ? '' : `, ${t.lostRevenue} ${t.currency} of revenue`;
  const net = `${t.netLostSpend} ${t.currency} net of what pacing recaptures`;
  return `${t.lostSpend} ${t.currency} of spend (${net})${revenue}`;
}

export function summarizeImpact(answer: ImpactResponse): string {
  const { campaigns } = answer;
  const [only] = campaigns;
  if (campaigns.length === 1 && only) return campaignSentence(only);
  const label = (c: CampaignResult, i: number) => (c.id === undefined ? `#${i + 1}` : JSON.stringify(c.id));
  const named = campaigns.slice(0, LISTED).map((c, i) => `${label(c, i)} ${c.lostSpend} ${c.currency}`);
  const more = campaigns.length > LISTED ? ` and ${campaigns.length - LISTED} more` : '';
  return (
    `The ${campaigns.length} campaigns lost ${list(answer.totals.map(totalsClause))} ` +
    '(totals per currency, no exchange). ' +
    `Lost spend by campaign: ${named.join(', ')}${more}.`
  );
}

export function summarizePlatformLoss(a: PlatformLossResponse): string {
  const c = a.currency;
  return (
    `The platform lost an estimated ${a.netLoss} ${c} of revenue in ${a.outageMinutes} outage minutes ` +
    `(${a.grossLoss} ${c} gross, less ${a.recaptured} ${c} recaptured afterwards), at an average of ` +
    `${a.revenuePerHour} ${c} an hour (${a.revenuePerDay} ${c} a day) over a ${a.periodHours}-hour period.`
  );
}

export function summarizeMarketCap(a: MarketCapResponse): string {
  const c = a.currency;
  const parts = [
    `Market capitalisation changed by ${a.marketCapChange} ${c} (${a.changePercent} %), ` +
      `from ${a.marketCapBefore} to ${a.marketCapAfter} ${c}, as the price moved from ${a.priceBefore} ` +
      `to ${a.priceAfter}${a.sharesOutstanding === undefined ? '' : ` on ${a.sharesOutstanding} shares outstanding`}.`,
  ];
  if (a.abnormalChangePercent !== undefined) {
    parts.push(
      `Against the benchmark's expected ${a.expectedChangePercent} %, the abnormal (stock-specific) move is ` +
        `${a.abnormalChangePercent} %, ${a.abnormalMarketCapChange} ${c} of market cap.`,
    );
  }
  if (a.holders.length) {
    const named = a.holders.slice(0, LISTED).map((h, i) => `${h.name ?? `holder #${i + 1}`} ${h.wealthChange} ${c}`);
    const more = a.holders.length > LISTED ? ` and ${a.holders.length - LISTED} more` : '';
    parts.push(`Holders' wealth changed: ${named.join(', ')}${more}.`);
  }
  if (a.marketCapToRevenueLossMultiple !== undefined) {
    parts.push(`The market-cap change is ${a.marketCapToRevenueLossMultiple} times the revenue the outage lost.`);
  }
  return parts.join(' ');
}

export function summarizeEventStudy(a: EventStudyResponse): string {
  const [first, last] = [a.eventWindow.start, a.eventWindow.end];
  const window = first === last ? `on ${first}` : `from ${first} to ${last}`;
  const test =
    a.t === null || a.pValue === null
      ? 'The estimation window is fitted exactly, so no t-test is possible.'
      : `t = ${a.t} with ${a.degreesOfFreedom} degrees of freedom, two-sided p = ${a.pValue}.`;
  const money =
    a.abnormalMarketCapChange === undefined
      ? ''
      : ` On a market cap of ${a.marketCapBefore} ${a.currency} that is ${a.abnormalMarketCapChange} ${a.currency}.`;
  return (
    `The ${a.model} model, fitted on ${a.estimationWindow.days} trading days (${a.estimationWindow.start} to ` +
    `${a.estimationWindow.end}), gives a cumulative abnormal return of ${a.carPercent} % ${window}; ${test}${money}`
  );
}

function outageSentence(o: CatalogueOutageOut): string {
  const spans = o.windows.map((w) => `${w.start} to ${w.end}`).join(', ');
  return `${o.id}: ${o.title} (${list(o.services)}), ${spans} UTC, ${o.sources.length} sources.`;
}

export function summarizeOutageList(a: OutageListResponse): string {
  return `The catalogue has ${a.outages.length} outages. ${a.outages.map(outageSentence).join(' ')}`;
}

export function summarizeOutage(o: CatalogueOutageOut): string {
  const notes = o.notes.length ? ` Notes: ${o.notes.join(' ')}` : '';
  return `${outageSentence(o)} Use "outage": { "ref": "${o.id}" } in a calculator's request.${notes}`;
}
