/**
 * Quantiles by linear interpolation between order statistics: R's type 7, numpy's default, d3-array's
 * quantileSorted. For n values and a fraction p, h = (n − 1) p, k = ⌊h⌋, and the quantile is
 * x(k) + (x(k+1) − x(k)) (h − k) with x(i) the i-th smallest (from 0). The order statistics are found by
 * selection, not by sorting: sorting each metric's 10,000 draws cost more than drawing them. A unit test
 * checks the figures bit for bit against d3-array's quantileSorted of the sorted values.
 */

/**
 * Moves the k-th smallest of values[left..right] to index k, with nothing larger before it and nothing
 * smaller after it within the bounds: Floyd and Rivest's selection (CACM 18(3), 1975, algorithm 489), as
 * d3-array's quickselect does it but on numbers (no comparator call, no NaN): over more than 600 values it first
 * selects within a sample-sized slice around k, so that the partition's pivot lands next to the k-th smallest
 * and the partition leaves little to search (about n + min(k, n − k) comparisons, against Hoare's 3.4 n).
 */
function select(values: Float64Array, k: number, from: number, to: number): void {
  const a = values;
  let left = from;
  let right = to;
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(
        a,
        k,
        Math.max(left, Math.floor(k - (m * s) / n + sd)),
        Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)),
      );
    }
    const pivot = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] as number) > pivot) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
    }
    // The pivot is at left or at right; it goes to j, with a[left..j−1] ≤ pivot ≤ a[j+1..right].
    if (a[left] === pivot) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/**
 * The type-7 quantile of `values` at each fraction of `ps` (each in [0, 1]), in the order given.
 * May reorder `values`; NaN must not occur in it.
 */
export function quantilesOf(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) throw new Error('no values');
  return (n >= BUCKETED_FROM && bucketedQuantiles(values, ps)) || selectedQuantiles(values, ps);
}

/** Selection over everything, the middle fraction first (reorders `values`). */
function selectedQuantiles(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
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

/** From this many values on, counting them into buckets first is quicker than selecting over all of them. */
const BUCKETED_FROM = 2048;
/** About this many values a bucket. */
const PER_BUCKET = 8;

/**
 * The same quantiles by counting: the values are counted into equal-width buckets between the smallest and the
 * largest (a value's bucket never decreases as the value grows, so the buckets are in order), the bucket of
 * each order statistic needed is found from the counts, and only those buckets' values are gathered and
 * selected in: three passes over the values instead of a selection's partitions over all of them. Null (leaving
 * it to selection) when the spread of the values cannot be divided into buckets: all equal, or not finite.
 * The order statistics found are the same numbers, so the quantiles are the same, bit for bit.
 */
function bucketedQuantiles(values: Float64Array, ps: readonly number[]): number[] | null {
  const n = values.length;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (x < low) low = x;
    if (x > high) high = x;
  }
  const buckets = Math.ceil(n / PER_BUCKET);
  const scale = buckets / (high - low);
  if (!(scale > 0 && scale < Number.POSITIVE_INFINITY && low > Number.NEGATIVE_INFINITY)) return null;
  const last = buckets - 1;
  const bucketOf = (x: number) => Math.min(last, Math.floor((x - low) * scale));
  const counts = new Int32Array(buckets);
  for (let i = 0; i < n; i++) {
    const b = bucketOf(values[i] as number);
    counts[b] = (counts[b] as number) + 1;
  }
  // The order statistics needed: x(k) and x(k+1) of each fraction, by rank.
  const ranks = [...new Set(ps.flatMap((p) => rankPair(n, p)))].sort((a, b) => a - b);
  const found = orderStatistics(values, ranks, counts, bucketOf);
  return ps.map((p) => {
    const h = (n - 1) * p;
    const [k, next] = rankPair(n, p);
    const xk = found.get(k) as number;
    return xk + ((found.get(next) as number) - xk) * (h - k);
  });
}

/** The ranks k = ⌊(n − 1) p⌋ and k + 1 of a type-7 quantile (k twice at the top: x(k+1) is then x(k)). */
function rankPair(n: number, p: number): [number, number] {
  const k = Math.floor((n - 1) * p);
  return [k, k + 1 < n ? k + 1 : k];
}

/** The value of each rank (ascending), from the bucket counts: each needed bucket's values gathered and selected. */
function orderStatistics(
  values: Float64Array,
  ranks: readonly number[],
  counts: Int32Array,
  bucketOf: (x: number) => number,
): Map<number, number> {
  const slotOf = new Int32Array(counts.length).fill(-1);
  const wanted: { start: number; values: Float64Array; filled: number; ranks: number[] }[] = [];
  let bucket = 0;
  let start = 0;
  for (const rank of ranks) {
    while (start + (counts[bucket] as number) <= rank) start += counts[bucket++] as number;
    const slot = slotOf[bucket] as number;
    if (slot >= 0) (wanted[slot] as (typeof wanted)[number]).ranks.push(rank);
    else {
      slotOf[bucket] = wanted.length;
      wanted.push({ start, values: new Float64Array(counts[bucket] as number), filled: 0, ranks: [rank] });
    }
  }
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    const slot = slotOf[bucketOf(x)] as number;
    if (slot < 0) continue;
    const w = wanted[slot] as (typeof wanted)[number];
    w.values[w.filled++] = x;
  }
  const found = new Map<number, number>();
  for (const w of wanted)
    for (const rank of w.ranks) {
      select(w.values, rank - w.start, 0, w.values.length - 1);
      found.set(rank, w.values[rank - w.start] as number);
    }
  return found;
}
