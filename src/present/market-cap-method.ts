import type { MarketCapInput, MarketCapResult } from '../engine/market-cap';
import type { MarketCapResponse } from '../../schemas/market-cap';

/** The `method` paragraph and `caveats` of a market-cap answer (issue 14), built from its own figures. */

export function marketCapMethod(input: MarketCapInput, r: MarketCapResult, out: MarketCapResponse): string {
  const c = out.currency;
  const base = out.sharesOutstanding
    ? `${out.sharesOutstanding} shares outstanding (the share classes times their conversion ratios) at ` +
      `the price before, ${out.priceBefore}, give a market capitalisation of ${c} ${out.marketCapBefore}`
    : `The market capitalisation of ${c} ${out.marketCapBefore} was given at the ` +
      `price before, ${out.priceBefore}, and moves in proportion to the price`;
  const parts = [
    `${base}. The price moved to ${out.priceAfter} (${out.changePercent} ` +
      `%), so the market cap changed by ${c} ${out.marketCapChange}.`,
  ];
  if (input.benchmark && r.benchmark && out.expectedChangePercent && out.abnormalChangePercent) {
    const percent = `${r.benchmark.changePercent.toFixed(4)} %`;
    const move =
      'before' in input.benchmark ? `from ${input.benchmark.before} to ${input.benchmark.after} (${percent})` : percent;
    parts.push(
      `The benchmark moved ${move}; with a beta of ${input.benchmark.beta} (given, not ` +
        `estimated) the expected move is ${out.expectedChangePercent} % and the abnormal move ` +
        `${out.abnormalChangePercent} %, ${c} ${out.abnormalMarketCapChange} of market cap.`,
    );
  }
  if (out.holders.length) parts.push("Each holder's wealth change is the shares held times the price change.");
  if (out.marketCapToRevenueLossMultiple && input.revenueLoss) {
    parts.push(
      `The market-cap change is ${out.marketCapToRevenueLossMultiple} ` +
        `times the revenue lost in the outage (${c} ${input.revenueLoss}).`,
    );
  }
  return parts.join(' ');
}

export function marketCapCaveats(input: MarketCapInput): string[] {
  const list = [
    'A share-price move has many causes on any day; this arithmetic attributes none of it to the outage. ' +
      'POST /v1/market-cap/event-study tests whether a move is larger than the stock’s ordinary noise.',
    'These are estimates from the shares (or market cap) and prices ' +
      'given, not reported figures; share counts change between filings.',
    'A market-cap change is not a loss to the company: no cash changed hands, and the price can recover the next day.',
  ];
  if (input.benchmark) {
    list.push(
      'The abnormal move uses the beta given (default 1), not one estimated ' +
        'from the stock’s history; the event-study endpoint estimates it.',
    );
  }
  if (input.revenueLoss)
    list.push(
      'The multiple compares a change in the value of the shares ' +
        'with revenue lost in the outage; the two need not be related.',
    );
  return list;
}
