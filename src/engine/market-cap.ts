import type Decimal from 'decimal.js';
import { D, sum } from './decimal';

export interface ShareClass {
  name?: string;
  shares: Decimal;
  /** Priced-class shares one share of this class converts into (default 1). */
  conversionRatio: Decimal;
}

export type PriceMove = { before: Decimal; after: Decimal } | { before: Decimal; changePercent: Decimal };

export interface MarketCapInput {
  shareClasses: readonly ShareClass[];
  price: PriceMove;
  benchmark?: { changePercent: Decimal; beta: Decimal };
  holders: readonly { name?: string; shares: Decimal }[];
  revenueLoss?: Decimal;
}

export interface MarketCapResult {
  sharesOutstanding: Decimal;
  priceBefore: Decimal;
  priceAfter: Decimal;
  priceChange: Decimal;
  changePercent: Decimal;
  marketCapBefore: Decimal;
  marketCapAfter: Decimal;
  marketCapChange: Decimal;
  benchmark?: { expectedChangePercent: Decimal; abnormalChangePercent: Decimal; abnormalMarketCapChange: Decimal };
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

/** The market-capitalisation arithmetic of a share-price move (DESIGN.md section 6). Unrounded. */
export function computeMarketCap(input: MarketCapInput): MarketCapResult {
  const sharesOutstanding = sum(input.shareClasses.map((c) => c.shares.times(c.conversionRatio)));
  const { before, after } = resolvePrices(input.price);
  const priceChange = after.minus(before);
  const changePercent = priceChange.dividedBy(before).times(HUNDRED);
  const marketCapBefore = sharesOutstanding.times(before);
  const marketCapAfter = sharesOutstanding.times(after);
  const marketCapChange = sharesOutstanding.times(priceChange);

  let benchmark: MarketCapResult['benchmark'];
  if (input.benchmark) {
    const expectedChangePercent = input.benchmark.beta.times(input.benchmark.changePercent);
    const abnormalChangePercent = changePercent.minus(expectedChangePercent);
    benchmark = {
      expectedChangePercent,
      abnormalChangePercent,
      abnormalMarketCapChange: marketCapBefore.times(abnormalChangePercent).dividedBy(HUNDRED),
    };
  }

  return {
    sharesOutstanding,
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
