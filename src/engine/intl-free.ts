/**
 * What modules asked of Intl (ICU) at module scope, answered without starting ICU at cold start. A fresh isolate
 * starts ICU's services on their first use; schemas and the catalogue did that while the bundle was evaluated,
 * about 11 ms of CPU to a cold GET /health in workerd (docs/architecture.md "Libraries and what they cost"). The
 * answers are the same: the currency list is still Intl's, asked on the first check, and the other two write what
 * Intl wrote for the values they are given.
 */

let currencies: ReadonlySet<string> | undefined;

/** Whether Intl lists the code as a currency (`Intl.supportedValuesOf('currency')`), the list read on first use. */
export function isIntlCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

/** A whole number ≥ 0 with a comma every three digits: 10000 → "10,000", as `toLocaleString('en')` writes it. */
export function groupThousands(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`groupThousands takes a whole number ≥ 0, not ${n}`);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Code-unit order, for ISO dates and the catalogue's period names (ASCII: localeCompare orders them alike). */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
