import { WorkLimitError } from './errors';
import { FUNNEL_KEYS } from './funnel';
import { type CampaignSpec, RANGEABLE_KEYS, type Window } from './impact';
import { simulationCost } from './simulation';
import { calendarPeriodAt, profileKey, type SpendPlan } from './spend';
import { HOUR_MS } from './time';

/**
 * What a request will cost, worked out from the validated request alone before any estimate is
 * computed (DESIGN.md section 9). The same request always gets the same cost, so the same status.
 *
 * Design, for the branches that add work of their own: the cost is a SUM OF NAMED TERMS, each a
 * `CostTerm` naming what contributes and its units: a campaign or row at the path its caller gave
 * (`['campaigns', 3]`), or a part of the request the model names itself (`'simulation'`); src/http/
 * places both in the request and writes the pointers. One unit
 * is about the work of walking one hour bucket (a few µs and a few hundred bytes here). A feature that
 * adds work adds ONE function here that returns its terms (simulation: draws × campaigns; import:
 * rows), and its route passes them to `admit` together with the others. Nothing else changes.
 *
 * The model charges what the engine really does: it walks each distinct span of hour buckets once per
 * request (campaigns and rows of one request share a walk; a walk is charged to the first that needs
 * it), weighs whole spend periods only for weighted profiles, and evaluates range corners on totals,
 * so corners add to a campaign's cost rather than multiply its buckets.
 */

/**
 * Work of the request as a whole, named in the model's own terms: the simulated draws, the rows of a batch,
 * the outage windows. The HTTP edge knows where each is in a request (src/http/guards.ts).
 */
export type CostPart = 'simulation' | 'rows' | 'windows';

/** What contributes: a campaign or row at the path its caller gave (`['campaigns', 3]`), or a part of the request. */
export type CostSubject = { path: (string | number)[] } | { part: CostPart };

export type CostTerm = CostSubject & {
  /** Which kind of work: `buckets`, `corners`, `timeline`, `answer`, `rows`, … */
  kind: string;
  units: number;
  /** The term in words: `26,304 hour buckets`. */
  detail: string;
};

/** Units one request may cost by default: the bench's worst admitted request stays under 1 s and 64 MiB here. */
export const DEFAULT_WORK_LIMIT = 400_000;

/**
 * The engine's own backstop (SpendCache.allow, hour buckets walked) for a request admitted under `limit`:
 * four times the limit, so it never refuses what the model admitted, and it grows with a deployment's
 * WORK_LIMIT instead of staying at the default's (routes pass it to sharedSpendCache).
 */
export const BACKSTOP_FACTOR = 4;
export const backstopWork = (limit: number) => limit * BACKSTOP_FACTOR;

/** A range corner (funnel evaluated once with decimals) costs about as much as walking 4 buckets. */
const CORNER_UNITS = 4;
/** Cells of one timeline row (start, end and five figures), each allocated, rounded and formatted. */
const TIMELINE_COLUMNS = 7;
/** Measured (bench): a timeline row costs about 28 bucket walks, 4 per cell. */
const TIMELINE_CELL_UNITS = 4;
/** A campaign's answer (about 40 formatted fields) and its explain trace (about 12 steps), in bucket-walk units. */
const ANSWER_UNITS = 10;
const EXPLAIN_UNITS = 15;
/** A batch row's 51 cells in and out (24 inputs, 26 results, error) cost about as much as 5 bucket walks. */
const BATCH_ROW_UNITS = 5;
/** The most hours a calendar period of a spend plan has (a 25-hour day, a week with one, a 31-day month with one). */
const PERIOD_HOURS = { day: 25, week: 169, month: 745 } as const;

const hoursIn = (start: number, end: number) => (end > start ? Math.ceil((end - start) / HOUR_MS) + 1 : 0);
const grouped = (n: number) => n.toLocaleString('en-US');

/** Walks already charged in this request, by the keys the engine's own caches use. */
export class WalkLedger {
  private readonly seen = new Set<string>();
  private readonly periodEnds = new Map<string, number>();

  /** The end of the calendar period holding `instant`: rows of a batch share a few zones and outages. */
  periodEnd(zone: string, period: 'day' | 'week' | 'month', instant: number): number {
    const key = `${zone}|${period}|${instant}`;
    let end = this.periodEnds.get(key);
    if (end === undefined) {
      end = calendarPeriodAt(zone, period, instant).end;
      this.periodEnds.set(key, end);
    }
    return end;
  }

  /** Hours of a walk not yet charged in this request (0 when another campaign already pays for it). */
  charge(key: string, hours: number): number {
    if (hours === 0 || this.seen.has(key)) return 0;
    this.seen.add(key);
    return hours;
  }
}

/** The span a plan walks inside [from, to), clipped to its flight, as the engine clips it. */
function clip(plan: SpendPlan, from: number, to: number): { start: number; end: number } {
  return { start: Math.max(from, plan.flight.start ?? from), end: Math.min(to, plan.flight.end ?? to) };
}

/** Hours walked to find a span's planned shares, and (weighted profiles) to weigh the periods it touches. */
function spanHours(plan: SpendPlan, from: number, to: number, ledger: WalkLedger): number {
  const { start, end } = clip(plan, from, to);
  if (end <= start) return 0;
  let hours = ledger.charge(`${plan.zone}|${start}|${end}`, hoursIn(start, end));
  if (plan.profile !== 'even' && plan.period !== 'hour' && plan.period !== 'lifetime') {
    // Each period the span touches is weighed in full: at most the span plus a whole period at each end.
    const periodKey = `${plan.zone}|${profileKey(plan.profile)}|${plan.period}|${start}|${end}`;
    hours += ledger.charge(periodKey, hoursIn(start, end) + 2 * PERIOD_HOURS[plan.period]);
  }
  return hours;
}

/** The end of the pacing period that holds the outage's last moment (as the engine's pacingEnd), or null. */
function pacingEnd(spec: CampaignSpec, lastEnd: number, ledger: WalkLedger): number | null {
  if (spec.pacingPeriod === 'none') return null;
  if (spec.pacingPeriod === 'flight') return spec.spend.flight.end ?? null;
  return ledger.periodEnd(spec.spend.zone, spec.pacingPeriod, lastEnd);
}

/** Hour buckets a campaign's estimate walks that no earlier campaign of the request walked. */
export function campaignBuckets(spec: CampaignSpec, windows: readonly Window[], ledger: WalkLedger): number {
  const plan = spec.spend;
  let hours = 0;
  if (plan.period === 'lifetime' && plan.profile !== 'even') {
    const { start = 0, end = 0 } = plan.flight;
    hours += ledger.charge(`${plan.zone}|${profileKey(plan.profile)}|lifetime|${start}|${end}`, hoursIn(start, end));
  }
  // A recovery ramp (DESIGN.md section 13) walks the buckets after its window too.
  for (const w of windows) hours += spanHours(plan, w.start, w.end + (w.recoveryMs ?? 0), ledger);
  const lastEnd = Math.max(...windows.map((w) => w.end + (w.recoveryMs ?? 0)));
  const end = pacingEnd(spec, lastEnd, ledger);
  if (end !== null && end > lastEnd) hours += spanHours(plan, lastEnd, end, ledger);
  return hours;
}

/** Range corners the campaign's `ranges` evaluate: 2 to the number of inputs whose range is not a point. */
export function campaignCorners(spec: CampaignSpec): number {
  const varying = RANGEABLE_KEYS.filter((k) => {
    const r = spec.inputs[k];
    return r !== undefined && !r.low.equals(r.high);
  }).length;
  return varying === 0 ? 0 : 2 ** varying;
}

/**
 * Corners the pixel's measurement loss evaluates (DESIGN.md section 13): when a window has
 * `measurementLoss`, unrecorded conversions and revenue are taken at every corner of the funnel inputs
 * they rest on, at most 2 to the number of ranged funnel inputs. Charged up front like ramp buckets.
 */
export function measurementCorners(spec: CampaignSpec, windows: readonly Window[]): number {
  if (!windows.some((w) => w.measurementLoss !== undefined)) return 0;
  const varying = FUNNEL_KEYS.filter((k) => {
    const r = spec.inputs[k];
    return r !== undefined && !r.low.equals(r.high);
  }).length;
  return varying === 0 ? 0 : 2 ** varying;
}

/** Timeline rows a campaign can have: the hours its windows cover (each bucket at most once). */
function timelineRows(spec: CampaignSpec, windows: readonly Window[]): number {
  let rows = 0;
  for (const w of windows) {
    const { start, end } = clip(spec.spend, w.start, w.end);
    rows += hoursIn(start, end);
  }
  return rows;
}

/** The terms of the campaigns of POST /v1/impact (or of batch rows, with `path` naming the row). */
export function campaignCostTerms(
  spec: CampaignSpec,
  windows: readonly Window[],
  options: { timeline: boolean; explain: boolean },
  path: (string | number)[],
  ledger: WalkLedger,
): CostTerm[] {
  const terms: CostTerm[] = [];
  const buckets = campaignBuckets(spec, windows, ledger);
  if (buckets) terms.push({ path, kind: 'buckets', units: buckets, detail: `${grouped(buckets)} hour buckets` });
  const corners = campaignCorners(spec);
  if (corners) {
    terms.push({ path, kind: 'corners', units: corners * CORNER_UNITS, detail: `${grouped(corners)} range corners` });
  }
  const measured = measurementCorners(spec, windows);
  if (measured) {
    const detail = `${grouped(measured)} measurement-loss corners`;
    terms.push({ path, kind: 'measurement', units: measured * CORNER_UNITS, detail });
  }
  if (options.timeline) {
    const rows = timelineRows(spec, windows);
    const detail = `${grouped(rows)} timeline rows × ${TIMELINE_COLUMNS} columns`;
    terms.push({ path, kind: 'timeline', units: rows * TIMELINE_COLUMNS * TIMELINE_CELL_UNITS, detail });
  }
  const answer = ANSWER_UNITS + (options.explain ? EXPLAIN_UNITS : 0);
  terms.push({ path, kind: 'answer', units: answer, detail: 'its answer' });
  return terms;
}

/**
 * Measured (bench/LIMITS.md, 2026-12-04): a batch row that computes costs 94-120 µs of CPU end to end in a
 * warm process, but 300-400 µs in a fresh one plus 300-400 ms of cold code for the first rows (the
 * worst-case matrix: 3,900 rows 1.4-1.6 s, 2,100 rows 1.05 s, garbage collection included), and about
 * 4.5 KB of heap while it waits to be estimated; walking one hour bucket costs about 1.2 µs. The default
 * limit (400,000 units for 1 s) prices a unit at 2.5 µs, so a computed row is charged 260 units beyond the
 * walks it charges itself, its answer (10) and its cells (BATCH_ROW_UNITS): 275 units in all. About 1,450
 * such rows fit the default limit, within about 0.8 s and 64 MiB in a fresh 128 MB process: at 215 units the
 * most rows admitted measured 1.01-1.02 s on a quiet machine (2026-12-05), too close to the 1 s target. A row with an
 * error costs BATCH_ROW_UNITS only.
 */
const COMPUTED_ROW_UNITS = 260;

/** The extra work of a batch row that computes (beyond reading and echoing it). */
export function computedRowTerm(path: (string | number)[]): CostTerm {
  return { path, kind: 'row', units: COMPUTED_ROW_UNITS, detail: 'its row' };
}

/** The rows of a batch, each answered with its input and result columns. */
export function batchRowsTerm(rows: number): CostTerm {
  return { part: 'rows', kind: 'rows', units: rows * BATCH_ROW_UNITS, detail: `${grouped(rows)} rows of 51 cells` };
}

/**
 * Measured (docs/uncertainty.md): 1,000,000 simulated evaluations (draws × campaigns, PERT, the slowest
 * distribution) take about 1 s of CPU here, as much as the whole default limit; so 2.5 evaluations a unit.
 */
const EVALUATIONS_PER_UNIT = 2.5;

/** The simulation: every draw evaluates the metrics of every campaign or row once. */
export function simulationCostTerms(draws: number, campaigns: number, what: 'campaigns' | 'rows'): CostTerm[] {
  const evaluations = simulationCost(draws, campaigns);
  const product = `${grouped(draws)} draws × ${grouped(campaigns)} ${what}`;
  const detail = `${product} = ${grouped(evaluations)} simulated evaluations`;
  return [
    {
      part: 'simulation',
      kind: 'simulation',
      units: Math.ceil(evaluations / EVALUATIONS_PER_UNIT),
      detail,
    },
  ];
}

/** POST /v1/platform-loss: the hours of each window (a weighted traffic profile walks them). */
export function platformCostTerms(windows: readonly { start: number; end: number }[], weighted: boolean): CostTerm[] {
  const hours = windows.reduce((n, w) => n + hoursIn(w.start, w.end), 0);
  if (!weighted) return [];
  return [{ part: 'windows', kind: 'buckets', units: hours, detail: `${grouped(hours)} hour buckets` }];
}

export type Contributor = CostSubject & { units: number; detail: string };

/** The subject alone (a term's path or part), without the term's other fields. */
const subjectOf = (term: CostSubject): CostSubject => ('part' in term ? { part: term.part } : { path: term.path });

/** The terms added up per contributor (path or part), largest first, ties in request order. */
export function contributors(terms: readonly CostTerm[]): Contributor[] {
  const byPath = new Map<string, Contributor>();
  for (const term of terms) {
    const key = 'part' in term ? term.part : JSON.stringify(term.path);
    const entry = byPath.get(key);
    if (entry) {
      entry.units += term.units;
      entry.detail += `, ${term.detail}`;
    } else byPath.set(key, { ...subjectOf(term), units: term.units, detail: term.detail });
  }
  return [...byPath.values()].sort((a, b) => b.units - a.units);
}

export function totalCost(terms: readonly CostTerm[]): number {
  return terms.reduce((n, t) => n + t.units, 0);
}

/** How many contributors a refusal names. */
const NAMED_CONTRIBUTORS = 5;

/** Refuses the request (WorkLimitError, a 413) when its terms add up to more than `limit`. */
export function admit(terms: readonly CostTerm[], limit: number): void {
  const cost = totalCost(terms);
  if (cost <= limit) return;
  const largest = contributors(terms).slice(0, NAMED_CONTRIBUTORS);
  throw new WorkLimitError(
    `The request would cost ${grouped(cost)} work units or more; the limit is ${grouped(limit)}. ` +
      'Send fewer campaigns or rows, shorter windows or flights, fewer ranged inputs, or no timeline; ' +
      'the largest contributors are listed.',
    {
      cost,
      limit,
      contributors: largest.map((c) => ({ ...subjectOf(c), detail: `${grouped(c.units)} units: ${c.detail}` })),
    },
  );
}
