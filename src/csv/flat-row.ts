import { flatOutageFromRef } from '../../schemas/catalogue';
import { INPUT_COLUMNS, type InputColumn } from '../../schemas/batch';
import { flatCampaignSpec } from '../../schemas/flat-campaign';
import { CampaignInput } from '../../schemas/impact';
import { OutageInput } from '../../schemas/outage';
import { FUNNEL_KEYS } from '../engine/funnel';

/**
 * The flat-row adapter: one campaign and its outage as flat columns (a CSV row, a JSON batch row, or the
 * query of the formula endpoints), turned into the JSON campaign and outage and parsed by the same
 * schemas as POST /v1/impact; a validation path is named back by the column that fed it. The columns
 * themselves are the contract's (schemas/batch.ts, INPUT_COLUMNS), whose zod shapes list them.
 */

/** The pointer-friendly path in the JSON campaign or outage that each column feeds. */
const COLUMN_TARGETS: Record<InputColumn, { into: 'campaign' | 'outage'; path: string[] }> = {
  id: { into: 'campaign', path: ['id'] },
  currency: { into: 'campaign', path: ['currency'] },
  timeZone: { into: 'campaign', path: ['timeZone'] },
  budgetAmount: { into: 'campaign', path: ['budget', 'amount'] },
  budgetPeriod: { into: 'campaign', path: ['budget', 'period'] },
  flightStart: { into: 'campaign', path: ['flight', 'start'] },
  flightEnd: { into: 'campaign', path: ['flight', 'end'] },
  deliveryProfile: { into: 'campaign', path: ['deliveryProfile'] },
  cpm: { into: 'campaign', path: ['cpm'] },
  ctr: { into: 'campaign', path: ['ctr'] },
  cpc: { into: 'campaign', path: ['cpc'] },
  cvr: { into: 'campaign', path: ['cvr'] },
  cpa: { into: 'campaign', path: ['cpa'] },
  aov: { into: 'campaign', path: ['aov'] },
  roas: { into: 'campaign', path: ['roas'] },
  grossMargin: { into: 'campaign', path: ['grossMargin'] },
  incrementality: { into: 'campaign', path: ['incrementality'] },
  recapture: { into: 'campaign', path: ['recovery', 'recapture'] },
  overspendCap: { into: 'campaign', path: ['recovery', 'overspendCap'] },
  cpmPremium: { into: 'campaign', path: ['recovery', 'cpmPremium'] },
  outageStart: { into: 'outage', path: ['windows', '0', 'start'] },
  outageEnd: { into: 'outage', path: ['windows', '0', 'end'] },
  outageTimeZone: { into: 'outage', path: ['timeZone'] },
  deliveryLoss: { into: 'outage', path: ['windows', '0', 'deliveryLoss'] },
  recoveryMinutes: { into: 'outage', path: ['windows', '0', 'recoveryMinutes'] },
  spendAmount: { into: 'campaign', path: ['spend', 'amount'] },
  spendStart: { into: 'campaign', path: ['spend', 'start'] },
  spendEnd: { into: 'campaign', path: ['spend', 'end'] },
  conversionEvent: { into: 'campaign', path: ['conversionEvent'] },
};

/** The columns whose cell may be a range, `low..high`: the funnel and the inputs CampaignInput takes as ranges. */
const RANGE_INPUT_COLUMNS = new Set<InputColumn>([
  ...FUNNEL_KEYS,
  'grossMargin',
  'incrementality',
  'recapture',
  'cpmPremium',
]);

/** A flat row: a cell's text by column; an absent or empty cell is not given. */
export type FlatRow = Partial<Record<InputColumn, string>>;

/**
 * A cell's text as the JSON value it stands for: `low..high` is a range, profile weights split on
 * spaces. Spaces around a value are dropped (spreadsheets pad cells); the `id` label is kept as typed.
 */
function cellValue(column: InputColumn, raw: string): unknown {
  if (column === 'id') return raw;
  const text = raw.trim();
  if (RANGE_INPUT_COLUMNS.has(column) && text.includes('..')) {
    const [low, high, ...rest] = text.split('..');
    return rest.length ? text : { low: (low ?? '').trim(), high: (high ?? '').trim() };
  }
  if (column === 'deliveryProfile' && text !== 'even') return text.split(/\s+/);
  return text;
}

/** Where a column's value goes: the containers on the way (an array before an index) and the last key. */
interface ColumnSteps {
  into: 'campaign' | 'outage';
  parents: { key: string; array: boolean }[];
  leaf: string;
}

/** Each column's steps, worked out once from COLUMN_TARGETS rather than for every cell of every row. */
const COLUMN_STEPS = Object.fromEntries(
  INPUT_COLUMNS.map((column): [InputColumn, ColumnSteps] => {
    const { into, path } = COLUMN_TARGETS[column];
    const parents = path.slice(0, -1).map((key, i) => ({ key, array: /^\d+$/.test(path[i + 1] as string) }));
    return [column, { into, parents, leaf: path[path.length - 1] as string }];
  }),
) as Record<InputColumn, ColumnSteps>;

/** The JSON campaign and outage a flat row stands for. Empty cells are left out ("not given"). */
function flatRowToJson(row: FlatRow): { campaign: Record<string, unknown>; outage: Record<string, unknown> } {
  const json = { campaign: {} as Record<string, unknown>, outage: { windows: [{}] } as Record<string, unknown> };
  for (const column of INPUT_COLUMNS) {
    const text = row[column];
    if (text === undefined || text.trim() === '') continue;
    const steps = COLUMN_STEPS[column];
    let node = json[steps.into];
    for (const { key, array } of steps.parents) {
      node[key] ??= array ? [] : {};
      node = node[key] as Record<string, unknown>;
    }
    node[steps.leaf] = cellValue(column, text);
  }
  return json;
}

/**
 * The columns a validation path of the campaign or outage came from: the column that feeds the path
 * (or the part of it that a column feeds), else, for a path to an object that several columns fill
 * (`budget` when it is missing altogether), those columns. Empty when no column feeds it.
 */
export function columnsOf(into: 'campaign' | 'outage', path: readonly PropertyKey[]): InputColumn[] {
  const text = path.map(String);
  let best: InputColumn | undefined;
  let bestLength = -1;
  for (const column of INPUT_COLUMNS) {
    const target = COLUMN_TARGETS[column];
    if (target.into !== into || target.path.length > text.length || target.path.length <= bestLength) continue;
    if (target.path.every((key, i) => key === text[i])) {
      best = column;
      bestLength = target.path.length;
    }
  }
  if (best) return [best];
  return INPUT_COLUMNS.filter((column) => {
    const target = COLUMN_TARGETS[column];
    return target.into === into && CONTAINER_COLUMNS.has(column) && text.every((key, i) => key === target.path[i]);
  });
}

/**
 * The columns named when a whole object is at fault: a missing budget needs its amount and period,
 * and outage windows that are too long are fixed in their start or end, not in deliveryLoss.
 */
const CONTAINER_COLUMNS = new Set<InputColumn>([
  'budgetAmount',
  'budgetPeriod',
  'flightStart',
  'flightEnd',
  'outageStart',
  'outageEnd',
  'spendAmount',
  'spendStart',
  'spendEnd',
]);

/** Parses a flat row with the same schemas as POST /v1/impact. */
export type ParsedOutage = ReturnType<typeof OutageInput.safeParse>;

/** The outage of a flat row alone (the import's query gives only the outage columns), parsed as POST /v1/impact's. */
export function parseFlatOutage(row: FlatRow, outageRef?: string): ParsedOutage {
  return OutageInput.safeParse(flatOutageFromRef(row, flatRowToJson(row).outage, outageRef));
}

/**
 * Parses a flat row with the same schemas as POST /v1/impact. Rows of a batch usually share their
 * outage, so its parse is memoised in `outages` by the outage cells' text.
 */
export function parseFlatRow(row: FlatRow, outages: Map<string, ParsedOutage> = new Map(), outageRef?: string) {
  const json = flatRowToJson(row);
  json.outage = flatOutageFromRef(row, json.outage, outageRef);
  const outageKey = JSON.stringify(json.outage);
  let outage = outages.get(outageKey);
  if (!outage) {
    outage = OutageInput.safeParse(json.outage);
    outages.set(outageKey, outage);
  }
  return { campaign: parseFlatCampaign(json.campaign), outage };
}

/** The campaign through CampaignInput's rules: without zod for the plain shape, else CampaignInput itself. */
function parseFlatCampaign(campaign: Record<string, unknown>): ReturnType<typeof CampaignInput.safeParse> {
  const spec = flatCampaignSpec(campaign);
  return spec ? { success: true, data: spec } : CampaignInput.safeParse(campaign);
}
