// CSV written in the browser from an answer the API gave, with the API's own rules (src/csv/write.ts,
// the same code): RFC 4180, CRLF line ends, every text cell quoted, and a leading ' on any part of a text
// cell that a spreadsheet would run as a formula, even re-split on `;` or tab (OWASP's CSV injection
// guidance). A plain decimal number such as -12.41 is data and is kept as it is.
// test/unit/web-csv.test.ts checks that both writers give the same bytes.

/** Characters that start a formula: = + - @, tab, CR, LF, NUL, and their full-width forms ＝ ＋ － ＠. */
const TRIGGERS = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x0a, 0x00, 0xff1d, 0xff0b, 0xff0d, 0xff20]);
/** Characters a spreadsheet may skip before the trigger: space, NBSP, ideographic space, BOM. */
const BLANKS = new Set([0x20, 0xa0, 0x3000, 0xfeff]);
/** Where a spreadsheet may start a new cell inside ours. */
const SEPARATORS = new Set([0x2c, 0x3b, 0x09]);

const isDigit = (/** @type {number} */ code) => code >= 0x30 && code <= 0x39;

/** @param {string} value @param {number} i the index after the last digit from `i` on */
function skipDigits(value, i) {
  while (i < value.length && isDigit(value.charCodeAt(i))) i++;
  return i;
}

/**
 * `-?(digits[.digits?] | .digits)([eE][+-]?digits)?`, read in one pass.
 * @param {string} value
 */
export function isPlainNumber(value) {
  let i = value.charCodeAt(0) === 0x2d ? 1 : 0;
  const intEnd = skipDigits(value, i);
  let digits = intEnd - i;
  i = intEnd;
  if (value.charCodeAt(i) === 0x2e) {
    const fracEnd = skipDigits(value, i + 1);
    digits += fracEnd - i - 1;
    i = fracEnd;
  }
  if (digits === 0) return false;
  if (value.charCodeAt(i) === 0x65 || value.charCodeAt(i) === 0x45) {
    i++;
    if (value.charCodeAt(i) === 0x2b || value.charCodeAt(i) === 0x2d) i++;
    const expEnd = skipDigits(value, i);
    if (expEnd === i) return false;
    i = expEnd;
  }
  return i === value.length;
}

/** True when the first non-blank character from `i` on is a formula trigger. @param {string} value @param {number} i */
function triggersAt(value, i) {
  while (i < value.length && BLANKS.has(value.charCodeAt(i))) i++;
  return i < value.length && TRIGGERS.has(value.charCodeAt(i));
}

/**
 * A text cell with `'` before every part that a spreadsheet could read as a formula: the cell's start
 * and each point after a separator.
 * @param {string} value
 */
export function safeCell(value) {
  if (value === '' || isPlainNumber(value)) return value;
  /** @type {string[]} */
  const parts = [];
  let from = 0;
  for (let start = 0; start <= value.length; start++) {
    const atPartStart = start === 0 || SEPARATORS.has(value.charCodeAt(start - 1));
    if (!atPartStart || !triggersAt(value, start)) continue;
    parts.push(value.slice(from, start), "'");
    from = start;
  }
  if (parts.length === 0) return value;
  parts.push(value.slice(from));
  return parts.join('');
}

/** A number as it is; any other non-empty cell in double quotes, inner quotes doubled. @param {string} value */
export function quoteCell(value) {
  if (value === '' || isPlainNumber(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * CSV text with a header row; null and undefined cells are empty.
 * @param {readonly string[]} header
 * @param {readonly (readonly (string | null | undefined)[])[]} rows
 */
export function writeCsv(header, rows) {
  const lines = [header, ...rows].map((row) => row.map((cell) => quoteCell(safeCell(cell ?? ''))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Offers CSV text as a file download (a Blob URL: no server round trip, allowed by the page's CSP).
 * @param {string} filename
 * @param {string} text
 */
export function downloadCsv(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
