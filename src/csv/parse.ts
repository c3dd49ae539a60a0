/** A CSV that cannot be read as RFC 4180; `line` is the 1-based line of the text where the problem is. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * A CSV over one of its limits; parsing stopped there. `pointer` names the row (`/rows/10000`, counted
 * from 0 after the header) or the cell (`/rows/3/7`, by column position) where it stopped.
 */
export class CsvLimitError extends Error {
  constructor(
    message: string,
    readonly pointer: string,
  ) {
    super(message);
    this.name = 'CsvLimitError';
  }
}

/** What one CSV may hold (DESIGN.md section 9): data rows after the header, characters per cell, columns. */
export interface CsvLimits {
  rows: number;
  cellChars: number;
  columns: number;
}

/** Characters that end an unquoted run: the separator, CR, LF and the double quote (refused inside one). */
const fieldEnds = (separator: string): ReadonlySet<number> => new Set([separator.charCodeAt(0), 0x0d, 0x0a, 0x22]);

export const CSV_LIMITS: CsvLimits = { rows: 10_000, cellChars: 4096, columns: 64 };

/**
 * Parses RFC 4180 CSV: comma-separated (or `separator`: ad platforms' exports also use `;` and tab),
 * fields optionally in double quotes (which may hold separators,
 * line breaks and doubled quotes), CRLF or LF line ends, a UTF-8 BOM tolerated. Lines that are
 * entirely empty are skipped. Returns the records as arrays of strings. Stops with a CsvLimitError at
 * the first row, cell or column over `limits`, so that a hostile body costs no more than a legal one.
 */
export function parseCsv(
  text: string,
  limits: CsvLimits = CSV_LIMITS,
  options: { separator?: ',' | ';' | '\t' } = {},
): string[][] {
  const separator = options.separator ?? ',';
  const FIELD_ENDS = fieldEnds(separator);
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  // A field was begun on this line: a comma always begins another (possibly empty) field after it.
  let pending = false;
  // The current field was quoted and its closing quote has been read; only a comma or line end may follow.
  let closed = false;
  // Records before the header is read count as the header: data rows are counted from the second.
  const rowPointer = () => (records.length === 0 ? '/header' : `/rows/${records.length - 1}`);
  const endField = () => {
    if (record.length >= limits.columns) {
      const detail = `line ${line} has more than ${limits.columns} columns; the limit is ${limits.columns}`;
      throw new CsvLimitError(detail, rowPointer());
    }
    record.push(field);
    field = '';
    closed = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) {
      if (records.length > limits.rows) {
        const detail = `the CSV has more than ${limits.rows} rows under its header; the limit is ${limits.rows}`;
        throw new CsvLimitError(detail, rowPointer());
      }
      records.push(record);
    }
    record = [];
    pending = false;
  };
  const checkCell = () => {
    if (field.length > limits.cellChars) {
      const detail = `line ${line} has a cell longer than ${limits.cellChars} characters`;
      throw new CsvLimitError(detail, `${rowPointer()}/${record.length}`);
    }
  };
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === separator) {
      endField();
      pending = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    if (closed)
      throw new CsvSyntaxError(
        `line ${line}: text after a closing double quote; a quoted field must end at a comma or line end`,
        line,
      );
    if (ch === '"') {
      if (field !== '')
        throw new CsvSyntaxError(
          `line ${line}: a double quote inside an unquoted field; quote the whole field and double the quote`,
          line,
        );
      i++;
      const startLine = line;
      // The pieces between doubled quotes, joined once at the end: appending them one by one would build
      // a chain of as many pieces as the cell has quotes.
      const pieces: string[] = [];
      let size = 0;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError(`line ${startLine}: a quoted field is never closed`, startLine);
        // The text up to the next quote is taken as one slice, not character by character: a string
        // built one character at a time is a chain of thousands of pieces in V8, per cell.
        const quote = input.indexOf('"', i);
        const end = quote === -1 ? input.length : quote;
        for (let k = i; k < end; k++) if (input.charCodeAt(k) === 0x0a) line++;
        pieces.push(input.slice(i, end));
        size += end - i;
        if (size > limits.cellChars) {
          field = ' '.repeat(size);
          checkCell();
        }
        i = end;
        if (i >= input.length) continue;
        if (input[i + 1] === '"') {
          pieces.push('"');
          size += 1;
          i += 2;
          continue;
        }
        i++;
        break;
      }
      field = pieces.join('');
      closed = true;
      pending = true;
      continue;
    }
    let end = i + 1;
    while (end < input.length && !FIELD_ENDS.has(input.charCodeAt(end))) end++;
    field += input.slice(i, end);
    if (field.length > limits.cellChars) checkCell();
    pending = true;
    i = end;
  }
  if (pending) endRecord();
  return records;
}
