import type Decimal from 'decimal.js';
import { D } from '../../engine/decimal';

/**
 * A number as an export writes it: `-` (Meta), `--` (Google) and empty cells are "not given";
 * thousands may be grouped (`"1,204"`, Google); a percent keeps its sign (`7.23%`, Google).
 */
export type Cell = { value: Decimal; percent: boolean } | { missing: true } | { error: string };

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export function readCell(raw: string | undefined): Cell {
  let text = (raw ?? '').trim();
  if (text === '' || text === '-' || text === '--') return { missing: true };
  const percent = text.endsWith('%');
  if (percent) text = text.slice(0, -1).trim();
  if (GROUPED.test(text)) text = text.replaceAll(',', '');
  if (text.length > 40 || !PLAIN.test(text)) return { error: `"${(raw ?? '').trim()}" is not a number` };
  const value = new D(text);
  return { value: percent ? value.dividedBy(100) : value, percent };
}

/** A non-negative number of a cell, undefined when not given, or a message naming the column. */
export function readAmount(raw: string | undefined, column: string): { value?: Decimal; error?: string } {
  const cell = readCell(raw);
  if ('missing' in cell) return {};
  if ('error' in cell) return { error: `${column}: ${cell.error}` };
  if (cell.value.isNegative()) return { error: `${column}: must not be negative` };
  return { value: cell.value };
}
