/** A CSV that cannot be read as RFC 4180; `row` and `column` are 1-based positions in the text. */
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
 * Parses RFC 4180 CSV: comma-separated, fields optionally in double quotes (which may hold commas,
 * line breaks and doubled quotes), CRLF or LF line ends, a UTF-8 BOM tolerated. Lines that are
 * entirely empty are skipped. Returns the records as arrays of strings.
 */
export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === '"') {
      if (fieldStarted || field !== '') throw new CsvSyntaxError(`line ${line}: a double quote inside an unquoted field; quote the whole field and double the quote`, line);
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
      fieldStarted = true;
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(`line ${line}: text after a closing double quote; a quoted field must end at a comma or line end`, line);
      }
      continue;
    }
    if (ch === ',') {
      endField();
      fieldStarted = true; // a field follows the comma, even if empty
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || fieldStarted || record.length > 0) endRecord();
  return records;
}
