/**
 * Quantiles by linear interpolation between order statistics: R's type 7, numpy's default, d3-array's
 * quantileSorted. For n values and a fraction p, h = (n − 1) p, k = ⌊h⌋, and the quantile is
 * x(k) + (x(k+1) − x(k)) (h − k) with x(i) the i-th smallest (from 0). The order statistics are found by
 * selection, not by sorting: sorting each metric's 10,000 draws cost more than drawing them. A unit test
 * checks the figures bit for bit against d3-array's quantileSorted of the sorted values.
 */

/**
 * Moves the k-th smallest of values[0..right] to index k, with nothing larger before it and nothing
 * smaller after it up to `right` (Hoare's selection, pivot the median of three).
 */
function select(values: Float64Array, k: number, right: number): void {
  const a = values;
  let left = 0;
  let r = right;
  while (r > left) {
    const mid = (left + r) >>> 1;
    // Order a[left], a[mid], a[r] so that the pivot a[mid] is their median.
    if ((a[mid] as number) < (a[left] as number)) swap(a, mid, left);
    if ((a[r] as number) < (a[left] as number)) swap(a, r, left);
    if ((a[r] as number) < (a[mid] as number)) swap(a, r, mid);
    const pivot = a[mid] as number;
    let i = left;
    let j = r;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Now a[left..j] ≤ pivot ≤ a[i..r], and everything strictly between j and i equals the pivot.
    if (k <= j) r = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/**
 * The type-7 quantile of `values` at each fraction of `ps` (each in [0, 1]), in the order given.
 * Reorders `values`; NaN must not occur in it.
 */
export function quantilesOf(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) throw new Error('no values');
  const out = new Array<number>(ps.length);
  // Largest fraction first: each selection then works below the previous one's index, whose right side
  // holds only larger values.
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => y.p - x.p);
  let bound = n - 1;
  for (const { p, i } of order) {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    select(values, k, bound);
    bound = k;
    const low = values[k] as number;
    let high = low;
    if (k + 1 < n) {
      // Everything after index k is at least x(k); the smallest of it is x(k+1).
      high = Number.POSITIVE_INFINITY;
      for (let j = k + 1; j < n; j++) if ((values[j] as number) < high) high = values[j] as number;
    }
    out[i] = low + (high - low) * (h - k);
  }
  return out;
}
