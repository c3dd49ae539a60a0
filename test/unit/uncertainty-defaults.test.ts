import { describe, expect, it } from 'vitest';
import openapi from '../../openapi.json';
import { ImpactRequest } from '../../schemas/impact';
import { simulationQueryOptions } from '../../schemas/simulation';

/**
 * The defaults of the uncertainty settings live in the contract and show in openapi.json, while a setting
 * given without the option it belongs to is still refused (it would otherwise be silently ignored).
 */
const request = (options: Record<string, unknown>) => ({
  outage: { windows: [{ start: '2024-03-05T15:00:00Z', end: '2024-03-05T17:00:00Z' }] },
  campaigns: [{ budget: { amount: '100', period: 'day' }, cpa: { low: '20', base: '25', high: '30' }, aov: '80' }],
  options,
});

describe('sensitivityMetric', () => {
  it('defaults to lostRevenue with sensitivity: true', () => {
    expect(ImpactRequest.parse(request({ sensitivity: true })).options.sensitivityMetric).toBe('lostRevenue');
  });

  it('keeps the metric given', () => {
    const options = { sensitivity: true, sensitivityMetric: 'lostConversions' };
    expect(ImpactRequest.parse(request(options)).options.sensitivityMetric).toBe('lostConversions');
  });

  it('is refused without sensitivity: true, even when it names the default', () => {
    for (const options of [
      { sensitivityMetric: 'lostRevenue' },
      { sensitivity: false, sensitivityMetric: 'lostRevenue' },
    ]) {
      const result = ImpactRequest.safeParse(request(options));
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
        [['options', 'sensitivityMetric'], 'applies only with "sensitivity": true'],
      ]);
    }
  });
});

describe('the simulation query parameters', () => {
  it('take draws 10,000, seed 1 and triangular where not given', () => {
    expect(simulationQueryOptions({})).toEqual({ draws: 10_000, seed: 1, distribution: 'triangular' });
    expect(simulationQueryOptions({ draws: 5, distribution: 'pert' })).toEqual({
      draws: 5,
      seed: 1,
      distribution: 'pert',
    });
  });
});

describe('openapi.json', () => {
  const document = openapi as unknown as {
    components: { schemas: Record<string, { properties: Record<string, { default?: unknown }> }> };
    paths: Record<string, Record<string, { parameters?: { name: string; schema: { default?: unknown } }[] }>>;
  };

  it('shows the default of sensitivityMetric', () => {
    expect(document.components.schemas.ImpactOptions?.properties.sensitivityMetric?.default).toBe('lostRevenue');
  });

  it.each(['/v1/impact/batch', '/v1/impact.csv', '/v1/impact/value'])('shows the simulation defaults of %s', (path) => {
    const parameters = document.paths[path]?.get?.parameters ?? document.paths[path]?.post?.parameters ?? [];
    const defaults = Object.fromEntries(
      parameters
        .filter((p) => ['draws', 'seed', 'distribution'].includes(p.name))
        .map((p) => [p.name, p.schema.default]),
    );
    expect(defaults).toEqual({ draws: '10000', seed: '1', distribution: 'triangular' });
  });
});
