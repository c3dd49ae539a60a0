import { describe, expect, it } from 'vitest';
import { totalsByCurrency } from '../../src/engine/totals';
import { estimate, outage, utcDay } from './support/impact';
import { expectNear, x } from './support/near';

/**
 * Engine tests: requests are parsed by the contract (ImpactRequest) and estimated by the engine, and
 * every expectation is the hand arithmetic in its comment, evaluated with 60-digit decimals.
 */

describe('totals', () => {
  it('adds up the campaigns of each currency from unrounded values', () => {
    // Two USD campaigns of 1,200 a day over one minute: 1,200 ÷ 1,440 = 0.8333… each, 1.6666… together
    // (1.67, not 0.83 + 0.83); one EUR campaign of 2,400 a day: 1.6666….
    const [usd, eur] = totalsByCurrency(
      estimate({
        outage: outage([{ start: '2021-10-04T10:00:00Z', end: '2021-10-04T10:01:00Z' }]),
        campaigns: [utcDay('1200'), { ...utcDay('2400'), currency: 'EUR' }, utcDay('1200')],
      }),
    );
    expect(usd?.currency).toBe('USD');
    expectNear(usd?.plannedSpend, x(2400).dividedBy(1440));
    expect(eur?.currency).toBe('EUR');
    expectNear(eur?.plannedSpend, x(2400).dividedBy(1440));
  });
});
