// CSV written in the browser from an answer the API gave, with the API's own rules (src/csv/write.ts):
// RFC 4180 quoting, CRLF line ends, and a leading ' on a text cell that a spreadsheet would run as a
// formula (OWASP's CSV injection guidance). A plain decimal number such as -12.41 is data and is kept.
// test/unit/web-csv.test.ts checks that both writers give the same bytes.

const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r\n\0]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** @param {string} value */
export function safeCell(value) {
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** @param {string} value */
export function quoteCell(value) {
  return NEEDS_QUOTES.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
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
