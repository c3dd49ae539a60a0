import type Decimal from 'decimal.js';
import type { Contradiction } from '../funnel';

/**
 * The messages of the campaign rules, each written once (dinero.js keeps its checks' messages the same
 * way). They read after the field's pointer: `/campaigns/0/flight/end: must be after the flight start`.
 */
export const BUDGET_OR_SPEND_REQUIRED =
  'is required, or give `spend` (what the campaign actually spent over a period) instead';
export const BUDGET_AND_SPEND = 'give either `budget` or `spend`, not both';
export const FLIGHT_END_BEFORE_START = 'must be after the flight start';
export const LIFETIME_NEEDS_FLIGHT = 'is required for a lifetime budget';
export const HOURLY_PROFILE_NOT_EVEN = 'must be "even" for an hourly budget';
export const HOURLY_PACING = 'does not apply: an hourly budget cannot be spent later, so nothing is recaptured';
export const HOURLY_RECAPTURE = 'must be 0 for an hourly budget: an hourly budget cannot be spent later';
export const FLIGHT_PACING_NEEDS_END = 'is required when pacing catches up over the flight';
export const SPEND_END_BEFORE_START = 'must be after the start of the spend period';

export const flightTooLong = (days: number) =>
  `must be at most ${days} days after the start for a lifetime budget or pacing over the flight`;

/** Each input of a contradicted identity is told what the identity gives both ways. */
export function contradicts(c: Contradiction): string {
  const apart = c.tolerance.times(100).toSignificantDigits(3).toString();
  return (
    `contradicts ${c.identity}: the inputs ${c.involved.join(', ')} ` +
    `give ${c.key} ${c.value.toSignificantDigits(8)} one way and ` +
    `${c.implied.toSignificantDigits(8)} the other (more than ${apart} % apart, ` +
    `the most their written precision allows)`
  );
}

/** ctr or cvr derived above 1 from the base values of the inputs. */
export function shareOverOne(key: 'ctr' | 'cvr', value: Decimal, involved: readonly string[]): string {
  return (
    `gives ${key} = ${value.toSignificantDigits(8)} with ${involved.join(', ')}, more ` +
    `${key === 'ctr' ? 'clicks than impressions' : 'conversions than clicks'}; ${key} must be at most 1`
  );
}

/** ctr or cvr derived above 1 at one corner of the input ranges (`corner` names each input's value there). */
export function shareOverOneAtCorner(key: 'ctr' | 'cvr', value: Decimal, corner: string): string {
  const derived = value.toSignificantDigits(8);
  return `at the corner ${corner} of the ranges, ${key} would be ${derived}; ${key} must be at most 1`;
}

/** A bare ctr or cvr above one half is more likely a percent that lost its sign. */
export function percentLookalike(key: 'ctr' | 'cvr', high: Decimal): string {
  const shown = high.times(100).toSignificantDigits(6).toString();
  return (
    `${key}: ${high.toString()} is read as ${shown} %, unusually high; if the figure is a percent, ` +
    `write it with its sign ("${high.toString()}%" is ${high.dividedBy(100).toString()})`
  );
}

export const LIFETIME_NEVER_SPENT =
  'puts no weight on any hour of the flight, so the lifetime budget could never be spent';
