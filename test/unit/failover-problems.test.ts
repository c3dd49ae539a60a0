import { describe, expect, it } from 'vitest';
import { ImpactRequest } from '../../schemas/impact';
import { failoverProblems } from '../../src/engine/failover';

/** The engine names the campaigns of its problems by index; the caller writes their names (the edge: pointers). */
describe('failoverProblems', () => {
  const campaign = (id: string) => ({ id, budget: { amount: '100', period: 'day' }, cpa: '25', aov: '80' });

  it('gives the campaign by index, the field relative to it, and names the others as it is told', () => {
    // The campaigns alone, parsed without the request's refinement that would refuse the repeated id.
    const specs = ImpactRequest.shape.campaigns.parse([
      { ...campaign('a'), failover: { to: 'b', share: '0.5' } },
      campaign('b'),
      campaign('b'),
    ]);
    const [problem, ...others] = failoverProblems(specs, []);
    expect(others).toEqual([]);
    expect(problem?.campaign).toBe(0);
    expect(problem?.path).toEqual(['failover', 'to']);
    expect(problem?.message((k) => `campaign #${k + 1}`)).toBe(
      '"b" is the id of 2 campaigns (campaign #2, campaign #3); give each a unique id',
    );
  });
});
