import { INPUT_COLUMNS, RESULT_COLUMNS } from '../../schemas/batch';
import type { CurrencyTotalsResult } from '../../schemas/impact';
import type { FlatRow } from '../csv/flat-row';
import { totalCells, totalLabel } from '../csv/total-row';
import { CsvCells, csvCell, csvLine } from '../csv/write';
import type { CampaignEstimate } from '../engine/impact';
import { type Formatter, formatter, type RoundingMode } from '../engine/rounding';
import { jsonObjectWriter } from './json-text';
import { type Cell, resultCells } from './result-columns';

/** What became of one batch row: its estimate (and simulated cells), or the errors that stopped it. */
export type BatchRowOutcome =
  | { estimate: CampaignEstimate; warnings: string[]; simulated?: { columns: Partial<Record<string, Cell>> } }
  | { errors: { column: string | undefined; detail: string }[] };

function describeErrors(errors: { column: string | undefined; detail: string }[]): string {
  return errors.map((e) => (e.column ? `${e.column}: ${e.detail}` : e.detail)).join('; ');
}

const NO_RESULTS: Cell[] = RESULT_COLUMNS.map(() => null);

/**
 * The answer rows of one batch request (POST /v1/impact/batch, GET /v1/impact.csv): the input columns, the
 * result columns, the simulated columns when the request simulates, then `error` and `warnings`. The columns
 * are worked out once per request; each row is written as a CSV line or as JSON text straight from its
 * estimate's cells, in column order, without an object per row.
 */
export class BatchRowWriter {
  readonly header: readonly string[];
  private readonly simulated: readonly string[];
  private readonly json: (cells: readonly Cell[]) => string;
  private readonly formatters = new Map<string, Formatter>();
  private readonly text = new CsvCells();

  /** `simulated`: the columns of the request's simulation (`<metric>P5`…), none without one. */
  constructor(
    simulated: readonly string[],
    private readonly mode: RoundingMode,
  ) {
    this.simulated = simulated;
    this.header = [...INPUT_COLUMNS, ...RESULT_COLUMNS, ...simulated, 'error', 'warnings'];
    this.json = jsonObjectWriter(this.header);
  }

  headerLine(): string {
    return csvLine(this.header);
  }

  /** A row's CSV line: text cells made safe and quoted (each text once a request), result cells as they are. */
  csvLine(row: FlatRow, outcome: BatchRowOutcome): string {
    const cells: string[] = [];
    for (const column of INPUT_COLUMNS) cells.push(this.text.cell(row[column]));
    if ('errors' in outcome) {
      for (let i = RESULT_COLUMNS.length + this.simulated.length; i > 0; i--) cells.push('');
      cells.push(this.text.cell(describeErrors(outcome.errors)), '');
      return cells.join(',');
    }
    for (const cell of this.results(outcome.estimate)) cells.push(cell ?? '');
    for (const column of this.simulated) cells.push(csvCell(outcome.simulated?.columns[column]));
    cells.push('', this.text.cell(outcome.warnings.join('; ')));
    return cells.join(',');
  }

  /** A row's JSON text: JSON.stringify's text for the row's object, every input column a string. */
  jsonText(row: FlatRow, outcome: BatchRowOutcome): string {
    const cells: Cell[] = INPUT_COLUMNS.map((column) => row[column] ?? '');
    if ('errors' in outcome) {
      cells.push(...NO_RESULTS, ...this.simulated.map(() => null), describeErrors(outcome.errors), '');
    } else {
      cells.push(...this.results(outcome.estimate));
      for (const column of this.simulated) cells.push(outcome.simulated?.columns[column] ?? null);
      cells.push(null, outcome.warnings.join('; '));
    }
    return this.json(cells);
  }

  /** A currency's totals as a CSV line: id `TOTAL <currency>` (or REPORTING TOTAL), metrics in the result columns. */
  totalLine(t: CurrencyTotalsResult, reporting: boolean): string {
    const cells: Partial<Record<string, Cell>> = { ...totalCells(t, ''), id: totalLabel(t.currency, reporting) };
    return csvLine(this.header.map((column) => cells[column]));
  }

  private results(e: CampaignEstimate): Cell[] {
    let f = this.formatters.get(e.currency);
    if (!f) {
      f = formatter(e.currency, this.mode);
      this.formatters.set(e.currency, f);
    }
    return resultCells(e, f);
  }
}
