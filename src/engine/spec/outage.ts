import type Decimal from 'decimal.js';
import type { Window } from '../impact';
import { rampIntoNextWindow } from '../ramp';
import { DAY_MS, MINUTE_MS, timestampToInstant } from '../time';
import type { SpecProblem } from './problems';

/**
 * An outage's input rules (DESIGN.md section 2, "Time"), written once: windows read in the outage's zone,
 * half-open and in order, not overlapping, no recovery ramp running into the next window, and a bounded
 * span. The schema parses the fields and calls resolveOutage; paths are relative to the outage.
 */

export const OUTAGE_LIMITS = { windows: 100, spanDays: 366 } as const;

export const WINDOW_END_BEFORE_START = 'must be after the window start';
export const windowsOverlap = (previous: number) =>
  `overlaps window ${previous}; merge them or give each its own deliveryLoss without overlap`;
export const rampRunsIntoWindow = (next: number) =>
  `the recovery ramp runs into window ${next}, which starts before the ramp ends; ` +
  'shorten the ramp or merge the windows';
export const windowsSpanTooLong = (days: number) => `the windows span more than ${days} days`;

/** A window of the engine (`Window`) with its place in the request. */
export interface OutageWindow extends Window {
  /** Position in the request, for pointers and echoes. */
  index: number;
}

export interface Outage {
  timeZone: string;
  /** Sorted by start; non-overlapping. */
  windows: OutageWindow[];
}

/** A window as the schema parsed it: decimals are Decimals (deliveryLoss defaulted), time stamps still text. */
export interface ParsedWindow {
  start: string;
  end: string;
  deliveryLoss: Decimal;
  recoveryMinutes?: Decimal;
  measurementLoss?: Decimal;
  platforms?: readonly string[];
}

/**
 * The outage as the schema parsed it. A window that could not be read is `undefined`: it keeps its
 * place (and so the indices of the others) and is otherwise skipped.
 */
export interface ParsedOutage {
  timeZone: string;
  windows: readonly (ParsedWindow | undefined)[];
}

/** The optional realism fields of a window, as the engine takes them; only those given are set. */
function realismOf(w: ParsedWindow): Pick<OutageWindow, 'recoveryMs' | 'measurementLoss' | 'platforms'> {
  const out: Pick<OutageWindow, 'recoveryMs' | 'measurementLoss' | 'platforms'> = {};
  if (w.recoveryMinutes !== undefined) out.recoveryMs = w.recoveryMinutes.times(MINUTE_MS).toNumber();
  if (w.measurementLoss !== undefined) out.measurementLoss = w.measurementLoss;
  if (w.platforms !== undefined) out.platforms = w.platforms;
  return out;
}

/** One window's ends as instants in the outage's zone, or its problems. */
function resolveWindow(w: ParsedWindow, index: number, zone: string, problems: SpecProblem[]): OutageWindow | null {
  const start = timestampToInstant(w.start, zone);
  const end = timestampToInstant(w.end, zone);
  if ('error' in start) problems.push({ path: ['windows', index, 'start'], message: start.error });
  if ('error' in end) problems.push({ path: ['windows', index, 'end'], message: end.error });
  if ('error' in start || 'error' in end) return null;
  if (end.instant <= start.instant) {
    problems.push({ path: ['windows', index, 'end'], message: WINDOW_END_BEFORE_START });
    return null;
  }
  return { index, start: start.instant, end: end.instant, deliveryLoss: w.deliveryLoss, ...realismOf(w) };
}

/** Neighbours in time must not overlap, and a recovery ramp must end before the next window starts. */
function orderProblems(sorted: readonly OutageWindow[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1] as OutageWindow;
    const current = sorted[i] as OutageWindow;
    if (current.start < previous.end) {
      problems.push({ path: ['windows', current.index, 'start'], message: windowsOverlap(previous.index) });
    } else if (rampIntoNextWindow(previous, current)) {
      problems.push({
        path: ['windows', previous.index, 'recoveryMinutes'],
        message: rampRunsIntoWindow(current.index),
      });
    }
  }
  return problems;
}

/** Every window resolved to instants, sorted by start, with every problem of the outage. */
export function resolveOutage(parsed: ParsedOutage): { outage: Outage; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const windows: OutageWindow[] = [];
  parsed.windows.forEach((w, index) => {
    const resolved = w && resolveWindow(w, index, parsed.timeZone, problems);
    if (resolved) windows.push(resolved);
  });
  windows.sort((a, b) => a.start - b.start);
  problems.push(...orderProblems(windows));
  const first = windows[0];
  const last = windows.reduce((a, b) => (b.end > a.end ? b : a), windows[0] as OutageWindow);
  if (first && last.end - first.start > OUTAGE_LIMITS.spanDays * DAY_MS) {
    problems.push({ path: ['windows'], message: windowsSpanTooLong(OUTAGE_LIMITS.spanDays) });
  }
  return { outage: { timeZone: parsed.timeZone, windows }, problems };
}
