import type { Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { z } from '@hono/zod-openapi';
import { type FieldError, jsonPointer, validationProblem } from './problem';

/** Where each validation target's pointers start (DESIGN.md section 2, "Errors"). */
const POINTER_PREFIX: Record<string, readonly string[]> = { json: [], query: ['query'], param: ['path'], header: ['header'] };

/** Every issue of a zod error as a pointer and a message; an unknown field is named by its own pointer. */
export function fieldErrors(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldError[] {
  const errors: FieldError[] = [];
  collect(error.issues, prefix, errors);
  return errors;
}

function collect(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], out: FieldError[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ pointer: jsonPointer([...path, key]), detail: 'is not a field of this object; check its spelling' });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the alternative the input was meant as: the one whose type matched (a range object, say).
      const matching = issue.errors.filter((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (matching.length === 1) collect(matching[0] as z.core.$ZodIssue[], path, out);
      else out.push({ pointer: jsonPointer(path), detail: issue.message });
    } else {
      out.push({ pointer: jsonPointer(path), detail: issue.message });
    }
  }
}

/** The hook every route shares: a failed validation is a 422 problem listing every field. */
export const validationHook: Hook<unknown, Env, string, unknown> = (result, c) => {
  if (!result.success) return validationProblem(c, fieldErrors(result.error, POINTER_PREFIX[result.target] ?? []));
};
