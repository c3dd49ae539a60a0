/**
 * RFC 4180 output that is safe to open in a spreadsheet however the spreadsheet splits it
 * (DESIGN.md sections 7 and 9):
 * - a cell that is a plain decimal number (`-12.41`, `2.5e9`) is data, never a formula: written as is;
 * - every other non-empty cell is text and is quoted;
 * - a text cell whose first non-blank character is a formula trigger gets a leading `'` (OWASP's CSV
 *   injection guidance), and so does every part of it that follows a `,`, `;` or tab: a spreadsheet
 *   in a semicolon locale re-splits a quoted comma cell on `;` (LibreOffice does), and each part then
 *   begins a cell of its own.
 * Every check is one forward pass over the cell (no regular expression that can backtrack), so the
 * work is linear in the cell's length.
 */

/** Characters that start a formula: = + - @, tab, CR, LF, NUL, and their full-width forms ＝ ＋ － ＠. */
const TRIGGERS: ReadonlySet<number> = new Set([
  0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x0a, 0x00, 0xff1d, 0xff0b, 0xff0d, 0xff20,
]);
/** Characters a spreadsheet may skip before the trigger: space, NBSP, ideographic space, BOM. */
const BLANKS: ReadonlySet<number> = new Set([0x20, 0xa0, 0x3000, 0xfeff]);
/** Where a spreadsheet may start a new cell inside ours: `,` `;` tab (compared, not looked up: every character is). */
const isSeparator = (code: number) => code === 0x2c || code === 0x3b || code === 0x09;

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** Counts the digits from `i` on: the index after the last one. */
function skipDigits(value: string, i: number): number {
  while (i < value.length && isDigit(value.charCodeAt(i))) i++;
  return i;
}

/** `-?(digits[.digits?] | .digits)([eE][+-]?digits)?`, read in one pass. */
export function isPlainNumber(value: string): boolean {
  let i = value.charCodeAt(0) === 0x2d ? 1 : 0;
  const intEnd = skipDigits(value, i);
  let digits = intEnd - i;
  i = intEnd;
  if (value.charCodeAt(i) === 0x2e /* . */) {
    const fracEnd = skipDigits(value, i + 1);
    digits += fracEnd - i - 1;
    i = fracEnd;
  }
  if (digits === 0) return false;
  if (value.charCodeAt(i) === 0x65 || value.charCodeAt(i) === 0x45 /* e E */) {
    i++;
    if (value.charCodeAt(i) === 0x2b || value.charCodeAt(i) === 0x2d) i++;
    const expEnd = skipDigits(value, i);
    if (expEnd === i) return false;
    i = expEnd;
  }
  return i === value.length;
}

/** True when the first non-blank character from `i` on is a formula trigger. */
function triggersAt(value: string, i: number): boolean {
  while (i < value.length && BLANKS.has(value.charCodeAt(i))) i++;
  return i < value.length && TRIGGERS.has(value.charCodeAt(i));
}

/**
 * A text cell with `'` before every part that a spreadsheet could read as a formula: the cell's start
 * and each point after a separator. The blanks skipped in each check stop at the next non-blank, so
 * every character is looked at at most twice.
 */
export function safeCell(value: string): string {
  if (value === '' || isPlainNumber(value)) return value;
  return guardText(value);
}

/** safeCell for a cell already known to be text, not a number. */
function guardText(value: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let start = 0; start <= value.length; start++) {
    const atPartStart = start === 0 || isSeparator(value.charCodeAt(start - 1));
    if (!atPartStart || !triggersAt(value, start)) continue;
    parts.push(value.slice(from, start), "'");
    from = start;
  }
  if (parts.length === 0) return value;
  parts.push(value.slice(from));
  return parts.join('');
}

/** A number as it is; any other non-empty cell in double quotes, inner quotes doubled. */
export function quoteCell(value: string): string {
  if (value === '' || isPlainNumber(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * One cell made safe and quoted: `quoteCell(safeCell(value))` with one number check instead of two (a plain
 * number is never changed by safeCell, and a text cell is still text after it, so quoteCell quotes it).
 */
export function csvCell(value: string | null | undefined): string {
  if (value === '' || value === null || value === undefined) return '';
  if (isPlainNumber(value)) return value;
  return `"${guardText(value).replaceAll('"', '""')}"`;
}

/**
 * csvCell for the cells of one long answer, which repeat their texts (a currency, a time zone, an outage, a
 * warning): each text is made safe and quoted once and the written cell shared. At most `keep` texts are kept.
 */
export class CsvCells {
  private readonly written = new Map<string, string>();

  constructor(private readonly keep = 4096) {}

  cell(text: string | null | undefined): string {
    if (text === '' || text === null || text === undefined) return '';
    let cell = this.written.get(text);
    if (cell === undefined) {
      cell = csvCell(text);
      if (this.written.size < this.keep) this.written.set(text, cell);
    }
    return cell;
  }
}

/** One CSV line (no line end): each cell made safe and quoted as above. A long answer is written line by line. */
export function csvLine(cells: readonly (string | null | undefined)[]): string {
  let line = cells.length ? csvCell(cells[0]) : '';
  for (let i = 1; i < cells.length; i++) line += `,${csvCell(cells[i])}`;
  return line;
}

/** CSV text with a header, CRLF line ends, and an optional UTF-8 byte-order mark. */
export function writeCsv(
  header: readonly string[],
  rows: readonly (readonly (string | null | undefined)[])[],
  options: { bom?: boolean } = {},
): string {
  const lines = [header, ...rows].map(csvLine);
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
