// CSV written in the browser from an answer the API gave, with the API's own rules (src/csv/write.ts):
// RFC 4180, CRLF line ends, every text cell quoted, and a leading ' before each part of a text cell that
// a spreadsheet could run as a formula, however it splits the line (OWASP's CSV injection guidance,
// DESIGN.md section 9). A plain decimal number such as -12.41 is data and is kept as it is.
// test/unit/web-modules.test.ts checks that both writers give the same bytes.

/** Formula triggers: = + - @, tab, CR, LF, NUL and the full-width ＝ ＋ － ＠. */
const TRIGGERS = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x0a, 0x00, 0xff1d, 0xff0b, 0xff0d, 0xff20]);
/** What a spreadsheet may skip before a trigger: space, NBSP, ideographic space, BOM. */
const BLANKS = new Set([0x20, 0xa0, 0x3000, 0xfeff]);
/** Where a spreadsheet may start a new cell inside ours: comma, semicolon, tab. */
const SEPARATORS = new Set([0x2c, 0x3b, 0x09]);

/** @param {string} value @param {number} i the index after the digits from i on */
function skipDigits(value, i) {
  let at = i;
  while (at < value.length && value.charCodeAt(at) >= 0x30 && value.charCodeAt(at) <= 0x39) at++;
  return at;
}

/** `-?(digits[.digits?] | .digits)([eE][+-]?digits)?` in one pass, as the API reads it (no backtracking). */
function isPlainNumber(/** @type {string} */ value) {
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

/** @param {string} value @param {number} i */
function triggersAt(value, i) {
  let at = i;
  while (at < value.length && BLANKS.has(value.charCodeAt(at))) at++;
  return at < value.length && TRIGGERS.has(value.charCodeAt(at));
}

/** @param {string} value */
export function safeCell(value) {
  if (value === '' || isPlainNumber(value)) return value;
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

/** @param {string} value */
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
