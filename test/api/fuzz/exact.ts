import Decimal from 'decimal.js';

/** Decimal arithmetic with 80 digits, for generators and oracles alike: far beyond the service's 35. */
export const X = Decimal.clone({ precision: 80 });
