/**
 * Quantiles by linear interpolation between order statistics: R's type 7, numpy's default, d3-array's
 * quantileSorted. For n values and a fraction p, h = (n − 1) p, k = ⌊h⌋, and the quantile is
 * x(k) + (x(k+1) − x(k)) (h − k) with x(i) the i-th smallest (from 0). The order statistics are found by
 * selection, not by sorting: sorting each metric's 10,000 draws cost more than drawing them. A unit test
 * checks the figures bit for bit against d3-array's quantileSorted of the sorted values.
 */

/**
 * Moves the k-th smallest of values[left..right] to index k, with nothing larger before it and nothing
 * smaller after it within the bounds (Hoare's selection, pivot the median of three).
 */
function select(values: Float64Array, k: number, from: number, right: number): void {
  const a = values;
  let left = from;
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
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  // The middle fraction first, over everything; then the smaller ones left of its index and the larger
  // ones right of it, each selection over the part that can hold its order statistic.
  // Nothing obliges the lower half's selections to leave x(k) at index k, so a fraction of the upper half with
  // the same k takes the pair found here instead of selecting again.
  const pairs = new Map<number, [number, number]>();
  const solve = (lo: number, hi: number, left: number, right: number): void => {
    if (lo > hi) return;
    const mid = (lo + hi) >>> 1;
    const { p, i } = order[mid] as { p: number; i: number };
    const h = (n - 1) * p;
    const k = Math.floor(h);
    let pair = pairs.get(k);
    if (!pair) {
      select(values, k, left, right);
      pair = neighbours(values, k, right);
      pairs.set(k, pair);
    }
    out[i] = pair[0] + (pair[1] - pair[0]) * (h - k);
    solve(lo, mid - 1, left, k);
    solve(mid + 1, hi, k, right);
  };
  solve(0, order.length - 1, 0, n - 1);
  return out;
}

/**
 * x(k) and x(k+1), with x(k) in place at k, values[k+1..right] the ones just above it and everything
 * after `right` at least as large: x(k+1) is the smallest of values[k+1..right], or of what follows
 * `right` when k is `right` itself.
 */
function neighbours(values: Float64Array, k: number, right: number): [number, number] {
  const low = values[k] as number;
  if (k + 1 >= values.length) return [low, low];
  const end = k < right ? right : values.length - 1;
  let high = Number.POSITIVE_INFINITY;
  for (let j = k + 1; j <= end; j++) if ((values[j] as number) < high) high = values[j] as number;
  return [low, high];
}
