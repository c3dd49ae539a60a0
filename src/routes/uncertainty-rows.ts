import { type SimulatedColumn, simulatedColumns, simulationQueryOptions } from '../../schemas/simulation';
import type { CampaignEstimate, CampaignSpec, Metric } from '../engine/impact';
import { METRICS } from '../engine/impact';
import type { RoundingMode } from '../engine/rounding';
import { type SimulationOptions, simulateImpact } from '../engine/simulation';
import { presentSimulations } from '../present/uncertainty';

/**
 * Simulation on the batch and formula endpoints: one metric, one campaign per row, simulated exactly as
 * POST /v1/impact simulates that campaign alone (so a row equals the JSON answer for it).
 */

export interface RowSimulation {
  metric: Metric;
  options: SimulationOptions;
}

export interface SimulatedCells {
  columns: Partial<Record<SimulatedColumn, string | null>>;
  /** The metric's mean and percentiles; null when the funnel does not determine it. */
  stats: { mean: string; p5: string; p50: string; p95: string } | null;
}

/** The simulation a query asks for: a metric, and draws, seed and distribution (defaults where not given). */
export function rowSimulation(
  metric: Metric | undefined,
  query: Partial<SimulationOptions>,
): RowSimulation | undefined {
  if (!metric) return undefined;
  return { metric, options: simulationQueryOptions(query) };
}

/** The extra columns of a simulated batch or CSV answer: `<metric>P5`, `<metric>P50`, `<metric>P95`. */
export function simulatedHeader(simulation: RowSimulation | undefined): SimulatedColumn[] {
  if (!simulation) return [];
  const { p5, p50, p95 } = simulatedColumns(simulation.metric);
  return [p5, p50, p95];
}

export function simulateRow(
  spec: CampaignSpec,
  estimate: CampaignEstimate,
  simulation: RowSimulation,
  mode: RoundingMode,
): SimulatedCells {
  const sim = simulateImpact([{ spec, estimate }], simulation.options).campaigns[0];
  const stats = sim ? (presentSimulations(sim.metrics, estimate.currency, mode)[simulation.metric] ?? null) : null;
  const names = simulatedColumns(simulation.metric);
  return {
    columns: { [names.p5]: stats?.p5 ?? null, [names.p50]: stats?.p50 ?? null, [names.p95]: stats?.p95 ?? null },
    stats,
  };
}

/** `stat` asks for a Monte Carlo estimate of an output metric; a spend or a range end has none. */
export function simulationProblem(
  metric: string,
  stat: string | undefined,
): { column: string; detail: string } | undefined {
  if (stat === undefined || (METRICS as readonly string[]).includes(metric)) return undefined;
  return {
    column: 'metric',
    detail: `with stat, metric must be one of the simulated output metrics: ${METRICS.join(', ')}`,
  };
}
