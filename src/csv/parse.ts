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
 * Parses RFC 4180 CSV: comma-separated (or `separator`: ad platforms' exports also use `;` and tab), fields optionally in double quotes (which may hold commas,
 * line breaks and doubled quotes), CRLF or LF line ends, a UTF-8 BOM tolerated. Lines that are
 * entirely empty are skipped. Returns the records as arrays of strings.
 */
export function parseCsv(text: string, options: { separator?: ',' | ';' | '\t' } = {}): string[][] {
  const separator = options.separator ?? ',';
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
  const endField = () => {
    record.push(field);
    field = '';
    closed = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
    pending = false;
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
    if (closed) throw new CsvSyntaxError(`line ${line}: text after a closing double quote; a quoted field must end at a comma or line end`, line);
    if (ch === '"') {
      if (field !== '') throw new CsvSyntaxError(`line ${line}: a double quote inside an unquoted field; quote the whole field and double the quote`, line);
      i++;
      const startLine = line;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError(`line ${startLine}: a quoted field is never closed`, startLine);
        const c = input[i] as string;
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      closed = true;
      pending = true;
      continue;
    }
    field += ch;
    pending = true;
    i++;
  }
  if (pending) endRecord();
  return records;
}
