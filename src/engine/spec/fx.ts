import type { SpecProblem } from './problems';

const fxRateMissing = (currency: string, reporting: string, what: 'campaigns' | 'rows') =>
  `is required: ${what} in ${currency} need a rate to ${reporting}`;

const FX_SELF_RATE = 'is the reporting currency, whose rate is 1: leave it out';

/** A rate for the reporting currency itself would be unused (or contradict 1): refused, not ignored. */
export function fxSelfRateProblems(fx: { currency: string; rates: Readonly<Record<string, unknown>> }): SpecProblem[] {
  return Object.hasOwn(fx.rates, fx.currency) ? [{ path: ['rates', fx.currency], message: FX_SELF_RATE }] : [];
}

/**
 * `options.fx` converts every currency of the request into the reporting one, so it needs a rate for
 * each other than the reporting currency itself. Paths are relative to the fx options; `what` names the
 * things that carry the currencies (the campaigns of a request, the rows of a batch or an import).
 */
export function fxRateProblems(
  currencies: Iterable<string>,
  fx: { currency: string; rates: Readonly<Record<string, unknown>> },
  what: 'campaigns' | 'rows' = 'campaigns',
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const currency of new Set(currencies)) {
    if (currency === fx.currency || Object.hasOwn(fx.rates, currency)) continue;
    problems.push({ path: ['rates', currency], message: fxRateMissing(currency, fx.currency, what) });
  }
  return problems;
}
