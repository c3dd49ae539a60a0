import { z } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import { fxRateProblems } from '../src/engine/spec/fx';
import { Currency } from './common';
import { FxInput } from './impact';

/**
 * `options.fx` of POST /v1/impact in the forms that have no JSON options: the batch (CSV or JSON) and the
 * import take it as two query parameters, `fxCurrency=USD&fxRates=EUR:1.0842,GBP:1.27`, read into the same
 * FxInput schema so that the rules are one: rates are positive decimals, codes ISO 4217 (DESIGN.md section 10).
 */

/** Longest `fxRates` value: about 300 currencies at `XXX:` plus 64 characters each fit, nothing unbounded. */
const FX_RATES_CHARS = 4096;

export const FX_QUERY = {
  fxCurrency: z
    .string()
    .max(3, 'must be an ISO 4217 currency code such as "USD"')
    .optional()
    .openapi({
      param: {
        name: 'fxCurrency',
        in: 'query',
        description:
          'The reporting currency of `reportingTotal` (JSON answers; with `totals=1` also a CSV row ' +
          'whose id or name is `REPORTING TOTAL <currency>`), as `options.fx.currency` of POST /v1/impact.',
        example: 'USD',
      },
    }),
  fxRates: z
    .string()
    .max(FX_RATES_CHARS, `must be at most ${FX_RATES_CHARS} characters long`)
    .optional()
    .openapi({
      param: {
        name: 'fxRates',
        in: 'query',
        description:
          'With fxCurrency: one rate per other currency of the rows, `CODE:rate` separated by commas ' +
          '(`EUR:1.0842,GBP:1.27`: 1 EUR is 1.0842 units of fxCurrency), supplied by you (the service ' +
          'fetches nothing). A currency of the rows without a rate is a 422 at /query/fxRates.',
        example: 'EUR:1.0842',
      },
    }),
};

export interface Fx {
  currency: string;
  rates: Record<string, Decimal>;
}
type FxError = { pointer: string; detail: string };

/** `EUR:1.08,GBP:1.27` as `{ EUR: '1.08', GBP: '1.27' }`, or the first entry that is not `CODE:rate`. */
function splitRates(text: string): Record<string, string> | FxError {
  const rates: Record<string, string> = Object.create(null);
  for (const entry of text.split(',')) {
    const [code = '', rate, ...rest] = entry.split(':').map((part) => part.trim());
    if (rate === undefined || rest.length || code === '')
      return { pointer: '/query/fxRates', detail: `"${entry}" is not CODE:rate (write EUR:1.0842,GBP:1.27)` };
    if (Object.hasOwn(rates, code)) return { pointer: '/query/fxRates', detail: `${code} is given twice` };
    // Checked here, not only by FxInput: zod's record drops a `__proto__` key without an issue.
    const iso = Currency.safeParse(code);
    if (!iso.success) return { pointer: '/query/fxRates', detail: `${code}: ${iso.error.issues[0]?.message}` };
    rates[code] = rate;
  }
  return rates;
}

/** The query's fx, none, or its problems (pointers `/query/fxCurrency`, `/query/fxRates`). */
export function fxFromQuery(query: {
  fxCurrency?: string | undefined;
  fxRates?: string | undefined;
}): { fx?: Fx } | { errors: FxError[] } {
  const { fxCurrency, fxRates } = query;
  if (fxCurrency === undefined && fxRates === undefined) return {};
  if (fxCurrency === undefined)
    return { errors: [{ pointer: '/query/fxCurrency', detail: 'is required with fxRates' }] };
  const rates = fxRates === undefined || fxRates.trim() === '' ? {} : splitRates(fxRates);
  if ('pointer' in rates) return { errors: [rates as FxError] };
  const parsed = FxInput.safeParse({ currency: fxCurrency, rates });
  if (parsed.success) return { fx: parsed.data };
  return {
    errors: parsed.error.issues.map((issue) => {
      const [field, code] = issue.path.map(String);
      if (field === 'currency') return { pointer: '/query/fxCurrency', detail: issue.message };
      if (issue.code === 'invalid_key')
        return { pointer: '/query/fxRates', detail: `${code}: ${issue.issues[0]?.message}` };
      return { pointer: '/query/fxRates', detail: code ? `${code}: ${issue.message}` : issue.message };
    }),
  };
}

/**
 * The currencies of the answer that have no rate to the reporting currency, each with the pointer to
 * name (`pointerFor(code)`), as POST /v1/impact's `options.fx` rule: a currency without a rate is a 422.
 */
export function missingRates(currencies: Iterable<string>, fx: Fx, pointerFor: (code: string) => string): FxError[] {
  return fxRateProblems(currencies, fx, 'rows').map((p) => ({
    pointer: pointerFor(String(p.path[1])),
    detail: p.message,
  }));
}
