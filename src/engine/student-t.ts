/// <reference path="./jstat-esm.d.ts" />
import { studentt } from 'jstat-esm';
import type Decimal from 'decimal.js';
import { D } from './decimal';

/**
 * Two-sided p-value of a t statistic: P(|T| ≥ |t|) = 2 × P(T ≤ −|t|) for Student's t with `df` degrees
 * of freedom. The distribution comes from jstat-esm (jstat's regularised incomplete beta, the same code as
 * jstat 1.9.6, as ES modules so that the bundle keeps only this function: docs/architecture.md), in floats,
 * which is the one place the service lets a float into a figure: a probability has no exact decimal value to
 * keep. The lower tail is used rather than 1 − cdf so that small p-values keep their digits.
 */
export function twoSidedPValue(t: Decimal, df: number): Decimal {
  const lowerTail = studentt.cdf(-Math.abs(t.toNumber()), df);
  return D.min(new D(2 * lowerTail), 1);
}
