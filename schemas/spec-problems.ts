import type { z } from '@hono/zod-openapi';
import type { SpecProblem } from '../src/engine/spec/problems';

/**
 * Each problem of an engine spec builder as a zod issue at its path. The path is relative to the value
 * the refinement runs on, and zod prefixes it with that value's own path; src/http/ makes the pointer.
 */
export function addProblems(problems: readonly SpecProblem[], ctx: z.core.$RefinementCtx): void {
  for (const { path, message } of problems) ctx.addIssue({ code: 'custom', path, message });
}
