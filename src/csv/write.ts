/**
 * RFC 4180 output that is safe to open in a spreadsheet. A text cell that begins with `=`, `+`, `-`,
 * `@`, tab, CR, LF or NUL could be run as a formula, so it gets a leading `'` (OWASP's CSV injection
 * guidance); a cell that is a plain decimal number (such as `-12.41`) is data, never a formula, and is
 * never altered.
 */
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r\n\0]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function safeCell(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function quoteCell(value: string): string {
  return NEEDS_QUOTES.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV text with a header, CRLF line ends, and an optional UTF-8 byte-order mark. */
export function writeCsv(header: readonly string[], rows: readonly (readonly (string | null | undefined)[])[], options: { bom?: boolean } = {}): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => quoteCell(safeCell(cell ?? ''))).join(','));
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
