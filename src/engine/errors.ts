import type { CostSubject } from './cost';

/**
 * Input that passes the schema but that the arithmetic finds unusable (a lifetime flight whose hours
 * all carry zero weight, say). Each path is relative to the spec the engine was given; the caller
 * places it in the request, and the HTTP layer answers a 422 with each path as a JSON Pointer.
 */
export class InputError extends Error {
  constructor(readonly issues: { path: (string | number)[]; message: string }[]) {
    super(issues.map((i) => `${i.path.join('/')}: ${i.message}`).join('; '));
    this.name = 'InputError';
  }
}

/**
 * A request that would need more work than one request may do (hour buckets walked, range corners
 * evaluated). Raised before the work that would pass the limit starts; the HTTP layer answers 413.
 */
export class WorkLimitError extends Error {
  constructor(
    message: string,
    /** From the cost model (cost.ts): the request's cost, the limit, and what contributes most, by path or part. */
    readonly cost?: { cost: number; limit: number; contributors: (CostSubject & { detail: string })[] },
  ) {
    super(message);
    this.name = 'WorkLimitError';
  }
}

/**
 * A request that asks for more timeline rows than one request may have. Not tied to one campaign: the
 * caller names the request option that asked for the rows (the HTTP layer answers it as a 422).
 */
export class TimelineLimitError extends Error {
  constructor(readonly limit: number) {
    super(
      `asks for more than ${limit} hour rows in one request; ` +
        `ask for the timeline of fewer campaigns or shorter windows`,
    );
    this.name = 'TimelineLimitError';
  }
}
