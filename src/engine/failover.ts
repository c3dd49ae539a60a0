import type Decimal from 'decimal.js';
import { ONE, sum, ZERO } from './decimal';
import type { CampaignEstimate, CampaignSpec, Window } from './impact';

/**
 * Platforms and failover (DESIGN.md section 13). A window may name the platforms it took down; a
 * campaign of another platform is not affected by it. A campaign may move a share of its net lost
 * spend N to another campaign of the request (a Google campaign when Meta is down), which buys its own
 * funnel with it. The moved spend is taken window by window: N is attributed to the windows in
 * proportion to their lost spend, and nothing moves out of a window in which the target is down too.
 */

export interface FailoverTarget {
  /** The id of the receiving campaign. */
  to: string;
  share: Decimal;
  /** Where the target was given, relative to its campaign (`failover` or `failover/<j>`). */
  path: (string | number)[];
}

/** What the failover bought, summed over the campaign's targets. */
export interface FailoverResult {
  spend: Decimal;
  conversions: Decimal;
  revenue: Decimal;
  grossProfit: Decimal;
}

/** Names a campaign of the request by its index, as the caller writes it (the HTTP edge: `/campaigns/2`). */
export type CampaignName = (index: number) => string;

/**
 * A problem of a campaign's platform or failovers: the campaign by its index, the field relative to it, and
 * the message, written with the caller's names of the campaigns it mentions.
 */
export interface FailoverProblem {
  campaign: number;
  path: (string | number)[];
  message: (name: CampaignName) => string;
}

type Message = FailoverProblem['message'];

/** Whether a window takes a campaign of `platform` down: every campaign when it names no platforms. */
export function affects(window: Pick<Window, 'platforms'>, platform: string | undefined): boolean {
  return window.platforms === undefined || (platform !== undefined && window.platforms.includes(platform));
}

/** Whether a target campaign delivers nothing extra in a window: it is affected and loses delivery there. */
function isDown(window: Window, target: CampaignSpec): boolean {
  return affects(window, target.platform) && !window.deliveryLoss.isZero();
}

const hasRange = (spec: CampaignSpec) => Object.values(spec.inputs).some((r) => r && !r.low.equals(r.high));

/** The campaigns that failovers point at, by id; an id given twice maps to every campaign with it. */
function campaignsById(specs: readonly CampaignSpec[]): Map<string, number[]> {
  const byId = new Map<string, number[]>();
  specs.forEach((spec, i) => {
    if (spec.id === undefined) return;
    const list = byId.get(spec.id);
    if (list) list.push(i);
    else byId.set(spec.id, [i]);
  });
  return byId;
}

/** A target that can take the spend: one campaign, not the source, in its currency, with a funnel that prices it. */
function targetProblems(
  specs: readonly CampaignSpec[],
  byId: Map<string, number[]>,
  i: number,
  t: FailoverTarget,
): Message[] {
  const found = byId.get(t.to) ?? [];
  if (found.length === 0)
    return [() => `names no campaign of this request; give the receiving campaign the id "${t.to}"`];
  if (found.length > 1)
    return [
      (name) =>
        `"${t.to}" is the id of ${found.length} campaigns (${found.map(name).join(', ')}); give each a unique id`,
    ];
  const k = found[0] as number;
  const source = specs[i] as CampaignSpec;
  const target = specs[k] as CampaignSpec;
  if (k === i) return [() => 'is this campaign itself; a failover moves spend to another campaign'];
  const problems: string[] = [];
  if (target.currency !== source.currency) {
    problems.push(
      `names a campaign in ${target.currency}, this one is in ${source.currency}: ` +
        'the service converts no currencies, so a failover stays in one',
    );
  }
  const missing = [
    ...(['cpa', 'roas'] as const).filter((key) => !target.baseFunnel[key]),
    ...(target.inputs.grossMargin ? [] : ['grossMargin']),
  ];
  if (missing.length)
    problems.push(
      `names a campaign whose funnel does not determine ${missing.join(', ')}, so what the moved spend buys is unknown`,
    );
  if (hasRange(source) || hasRange(target))
    problems.push('does not combine with ranged inputs (of this campaign or its target) yet; give single values');
  return problems.map((message) => () => message);
}

/** The source campaigns' indices of each failover cycle (a → b → a), each cycle once. */
function cycles(edges: readonly number[][]): number[][] {
  const state = new Map<number, 'open' | 'done'>();
  const found: number[][] = [];
  const visit = (node: number, stack: number[]) => {
    state.set(node, 'open');
    for (const next of edges[node] ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), node, next]);
      else if (!state.has(next)) visit(next, [...stack, node]);
    }
    state.set(node, 'done');
  };
  edges.forEach((_, node) => {
    if (!state.has(node)) visit(node, []);
  });
  return found;
}

/**
 * Every problem of the platforms and failovers of a request's campaigns, each at its campaign's index: a
 * campaign without a platform when a window names platforms, an unknown, ambiguous or self target, a
 * target in another currency or without the funnel to price the spend, shares over 1, and cycles.
 */
export function failoverProblems(
  specs: readonly CampaignSpec[],
  windows: readonly (Window & { index?: number })[],
): FailoverProblem[] {
  const issues: FailoverProblem[] = [];
  const naming = windows.find((w) => w.platforms !== undefined);
  const byId = campaignsById(specs);
  const edges: number[][] = specs.map(() => []);
  specs.forEach((spec, i) => {
    if (naming && spec.platform === undefined) {
      const which = naming.index === undefined ? 'a window' : `window ${naming.index}`;
      const message = `is required: ${which} names the platforms it took down (${naming.platforms?.join(', ')})`;
      issues.push({ campaign: i, path: ['platform'], message: () => message });
    }
    const targets = spec.failover ?? [];
    for (const t of targets) {
      for (const message of targetProblems(specs, byId, i, t))
        issues.push({ campaign: i, path: [...t.path, 'to'], message });
      const k = byId.get(t.to);
      if (k?.length === 1 && k[0] !== i) edges[i]?.push(k[0] as number);
    }
    const total = sum(targets.map((t) => t.share));
    if (total.greaterThan(ONE))
      issues.push({
        campaign: i,
        path: ['failover'],
        message: () => `shares add up to ${total.toString()}; at most 1 of the net lost spend can move`,
      });
  });
  for (const cycle of cycles(edges)) {
    // A campaign without an id is named by its place.
    const message: Message = (name) =>
      `forms a cycle of failovers (${cycle.map((k) => specs[k]?.id ?? name(k)).join(' → ')}); ` +
      'spend cannot move in a circle';
    for (const k of cycle.slice(0, -1)) issues.push({ campaign: k, path: ['failover'], message });
  }
  return issues;
}

/**
 * What one unit of spend buys at a target's funnel: 1 ÷ cpa × incrementality conversions,
 * roas × incrementality revenue, and that revenue × grossMargin profit.
 */
function ratesOf(target: CampaignSpec): FailoverResult {
  const incrementality = target.inputs.incrementality?.base ?? ONE;
  const { cpa, roas } = target.baseFunnel;
  const revenue = roas ? roas.times(incrementality) : ZERO;
  return {
    spend: ONE,
    conversions: cpa ? incrementality.dividedBy(cpa) : ZERO,
    revenue,
    grossProfit: revenue.times(target.inputs.grossMargin?.base ?? ZERO),
  };
}

/** What `spend` buys at a target's funnel, from its rates per unit of spend. */
function buy(rates: FailoverResult, spend: Decimal): FailoverResult {
  return {
    spend,
    conversions: spend.times(rates.conversions),
    revenue: spend.times(rates.revenue),
    grossProfit: spend.times(rates.grossProfit),
  };
}

const add = (a: FailoverResult, b: FailoverResult): FailoverResult => ({
  spend: a.spend.plus(b.spend),
  conversions: a.conversions.plus(b.conversions),
  revenue: a.revenue.plus(b.revenue),
  grossProfit: a.grossProfit.plus(b.grossProfit),
});

const NOTHING: FailoverResult = { spend: ZERO, conversions: ZERO, revenue: ZERO, grossProfit: ZERO };

/**
 * Moves each source campaign's failover shares to their targets and improves its netContributionChange
 * by failoverGrossProfit − failoverSpend. Runs after every campaign is estimated; the request passed
 * failoverProblems, so every target is one other campaign with the funnel to price the spend.
 */
export function applyFailovers(
  specs: readonly CampaignSpec[],
  estimates: CampaignEstimate[],
  windows: readonly (Window & { index?: number })[],
): void {
  const byId = campaignsById(specs);
  // Many campaigns may fail over to one: its rates are worked out once.
  const rates = new Map<CampaignSpec, FailoverResult>();
  specs.forEach((spec, i) => {
    const e = estimates[i];
    if (!spec.failover || !e) return;
    const lostByWindow = e.lostByWindow;
    let result = NOTHING;
    for (const t of spec.failover) {
      const target = specs[byId.get(t.to)?.[0] as number] as CampaignSpec;
      // N is attributed to the windows in proportion to their lost spend U_w; the share of the windows in
      // which the target is up moves: share × N × Σ_up U_w ÷ U (all of N when the target is up throughout).
      let upLost = ZERO;
      let anyDown = false;
      for (const w of windows) {
        const lost = lostByWindow.get(w);
        if (!lost || lost.isZero()) continue;
        if (isDown(w, target)) {
          const which = w.index === undefined ? 'a window' : `window ${w.index}`;
          e.warnings.push(`failover to "${t.to}" recovers nothing in ${which}: that campaign is down in it too`);
          anyDown = true;
        } else upLost = upLost.plus(lost);
      }
      const share = t.share.times(e.metrics.netLostSpend);
      const moved = !anyDown ? share : upLost.isZero() ? ZERO : share.times(upLost).dividedBy(e.lostSpend);
      let targetRates = rates.get(target);
      if (!targetRates) {
        targetRates = ratesOf(target);
        rates.set(target, targetRates);
      }
      const bought = buy(targetRates, moved);
      // One target, the usual case: its purchase is the result (adding it to zeros would only copy it).
      result = result === NOTHING ? bought : add(result, bought);
    }
    e.failover = result;
    const ncc = e.metrics.netContributionChange;
    if (ncc) e.metrics.netContributionChange = ncc.plus(result.grossProfit).minus(result.spend);
    // The explain trace (src/present/explain.ts) shows the change from this value.
    if (e.explain) e.explain.beforeFailover = ncc;
  });
}
