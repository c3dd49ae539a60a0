// The event study's price file: CSV with the columns date, close and benchmarkClose (one row per trading
// day, oldest first), read in the page into the API's `prices` and `benchmark` arrays and written back
// from them (a permalink holds the arrays). Only the file's shape is checked here: the values go to the
// API as the text they are, and the API says what is wrong with any of them.

export const PRICE_COLUMNS = /** @type {const} */ (['date', 'close', 'benchmarkClose']);

/**
 * Splits one CSV line into cells (RFC 4180 quotes; the delimiter is the header's).
 * @param {string} line
 * @param {string} delimiter
 */
function cells(line, delimiter) {
  /** @type {string[]} */
  const out = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

/**
 * @typedef {{ date: string, close: string }} PricePoint
 * @typedef {{ prices: PricePoint[], benchmark: PricePoint[] } | { error: string }} Parsed
 */

/**
 * Reads the price CSV. The header names the columns (any order, any case; other columns are ignored);
 * the delimiter is a comma, a semicolon or a tab, whichever the header uses.
 * @param {string} text
 * @returns {Parsed}
 */
export function parsePriceCsv(text) {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .map((line, i) => ({ line, number: i + 1 }))
    .filter((l) => l.line.trim() !== '');
  const header = lines.shift();
  if (!header)
    return { error: `Paste or upload the prices: a header line ${PRICE_COLUMNS.join(',')}, then one line a day.` };
  const delimiter = [',', ';', '\t'].find((d) => header.line.includes(d)) ?? ',';
  const names = cells(header.line, delimiter).map((n) => n.toLowerCase());
  const at = PRICE_COLUMNS.map((c) => names.indexOf(c.toLowerCase()));
  const missing = PRICE_COLUMNS.filter((_, i) => at[i] === -1);
  if (missing.length)
    return {
      error: `Line ${header.number} must name the columns ${PRICE_COLUMNS.join(', ')}; missing: ${missing.join(', ')}.`,
    };
  const need = Math.max(...at) + 1;
  /** @type {PricePoint[]} */
  const prices = [];
  /** @type {PricePoint[]} */
  const benchmark = [];
  for (const { line, number } of lines) {
    const row = cells(line, delimiter);
    if (row.length < need) return { error: `Line ${number} has ${row.length} cells; the header names ${need}.` };
    const [date, close, benchmarkClose] = at.map((i) => /** @type {string} */ (row[i]));
    prices.push({ date: /** @type {string} */ (date), close: /** @type {string} */ (close) });
    benchmark.push({ date: /** @type {string} */ (date), close: /** @type {string} */ (benchmarkClose) });
  }
  return { prices, benchmark };
}

/**
 * The CSV for two series on the same dates (a permalink's arrays back into the text box); null when the
 * series do not pair up row by row, which one CSV cannot show.
 * @param {unknown} prices
 * @param {unknown} benchmark
 * @returns {string | null}
 */
export function toPriceCsv(prices, benchmark) {
  if (!Array.isArray(prices) || !Array.isArray(benchmark) || prices.length !== benchmark.length) return null;
  const rows = prices.map((p, i) => {
    const b = benchmark[i];
    const plain = (/** @type {unknown} */ v) => typeof v === 'string' && !/[",;\t\r\n]/.test(v);
    if (!plain(p?.date) || !plain(p?.close) || !plain(b?.close) || b?.date !== p.date) return null;
    return `${p.date},${p.close},${b.close}`;
  });
  return rows.includes(null) ? null : [PRICE_COLUMNS.join(','), ...rows].join('\n');
}
