import type Decimal from 'decimal.js';
import { D, ONE, sum } from './decimal';

export interface ShareClass {
  name?: string;
  shares: Decimal;
  /** Priced-class shares one share of this class converts into (default 1). */
  conversionRatio: Decimal;
}

export type PriceMove = { before: Decimal; after: Decimal } | { before: Decimal; changePercent: Decimal };

/** The benchmark's move, as a percent change or as index levels before and after. */
export type BenchmarkMove = { changePercent: Decimal } | { before: Decimal; after: Decimal };

export interface MarketCapInput {
  /** Either share classes (market cap = shares × price) or the market cap itself, before the move. */
  shareClasses: readonly ShareClass[];
  marketCap?: Decimal;
  price: PriceMove;
  benchmark?: BenchmarkMove & { beta: Decimal };
  holders: readonly { name?: string; shares: Decimal }[];
  revenueLoss?: Decimal;
}

export interface MarketCapResult {
  /** Absent when the market cap was given directly. */
  sharesOutstanding?: Decimal;
  priceBefore: Decimal;
  priceAfter: Decimal;
  priceChange: Decimal;
  changePercent: Decimal;
  marketCapBefore: Decimal;
  marketCapAfter: Decimal;
  marketCapChange: Decimal;
  benchmark?: {
    changePercent: Decimal;
    expectedChangePercent: Decimal;
    abnormalChangePercent: Decimal;
    abnormalMarketCapChange: Decimal;
  };
  holders: { name?: string; shares: Decimal; wealthChange: Decimal }[];
  revenueLoss?: Decimal;
  marketCapToRevenueLossMultiple?: Decimal;
}

const HUNDRED = new D(100);

/** Both prices of the move, whichever way it was given. */
export function resolvePrices(price: PriceMove): { before: Decimal; after: Decimal } {
  if ('after' in price) return { before: price.before, after: price.after };
  return { before: price.before, after: price.before.times(HUNDRED.plus(price.changePercent)).dividedBy(HUNDRED) };
}

/** The benchmark's change in percent: as given, or (after ÷ before − 1) × 100 from its levels. */
export function benchmarkChangePercent(move: BenchmarkMove): Decimal {
  if ('changePercent' in move) return move.changePercent;
  return move.after.dividedBy(move.before).minus(1).times(HUNDRED);
}

/** Shares in units of the priced class: Σ shares × conversionRatio (1 by default), DESIGN.md section 6. */
export function sharesOutstanding(classes: readonly { shares: Decimal; conversionRatio?: Decimal }[]): Decimal {
  return sum(classes.map((c) => c.shares.times(c.conversionRatio ?? ONE)));
}

/** The market-capitalisation arithmetic of a share-price move (DESIGN.md section 6). Unrounded. */
export function computeMarketCap(input: MarketCapInput): MarketCapResult {
  const { before, after } = resolvePrices(input.price);
  const priceChange = after.minus(before);
  const changePercent = priceChange.dividedBy(before).times(HUNDRED);
  // A market cap given directly moves with the price: the share count it implies is marketCap ÷ before.
  const shares = input.marketCap ? undefined : sharesOutstanding(input.shareClasses);
  const scale = (price: Decimal) =>
    shares ? shares.times(price) : (input.marketCap as Decimal).times(price).dividedBy(before);
  const marketCapBefore = input.marketCap ?? scale(before);
  const marketCapAfter = scale(after);
  const marketCapChange = scale(priceChange);

  let benchmark: MarketCapResult['benchmark'];
  if (input.benchmark) {
    const benchmarkChange = benchmarkChangePercent(input.benchmark);
    const expectedChangePercent = input.benchmark.beta.times(benchmarkChange);
    const abnormalChangePercent = changePercent.minus(expectedChangePercent);
    benchmark = {
      changePercent: benchmarkChange,
      expectedChangePercent,
      abnormalChangePercent,
      abnormalMarketCapChange: marketCapBefore.times(abnormalChangePercent).dividedBy(HUNDRED),
    };
  }

  return {
    sharesOutstanding: shares,
    priceBefore: before,
    priceAfter: after,
    priceChange,
    changePercent,
    marketCapBefore,
    marketCapAfter,
    marketCapChange,
    benchmark,
    holders: input.holders.map((h) => ({ name: h.name, shares: h.shares, wealthChange: h.shares.times(priceChange) })),
    revenueLoss: input.revenueLoss,
    marketCapToRevenueLossMultiple: input.revenueLoss && marketCapChange.abs().dividedBy(input.revenueLoss),
  };
}
