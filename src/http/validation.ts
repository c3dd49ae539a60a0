import type { Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { z } from '@hono/zod-openapi';
import { type FieldError, jsonPointer, validationProblem } from './problem';

/** Where each validation target's pointers start (DESIGN.md section 2, "Errors"). */
const POINTER_PREFIX: Record<string, readonly string[]> = { json: [], query: ['query'], param: ['path'], header: ['header'] };

/** Every issue of a zod error as a pointer and a message; an unknown field is named by its own pointer. */
export function fieldErrors(error: z.ZodError, prefix: readonly string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ pointer: jsonPointer([...path, key]), detail: 'is not a field of this object; check its spelling' });
      }
    } else {
      errors.push({ pointer: jsonPointer(path), detail: issue.message });
    }
  }
  return errors;
}

/** The hook every route shares: a failed validation is a 422 problem listing every field. */
export const validationHook: Hook<unknown, Env, string, unknown> = (result, c) => {
  if (!result.success) return validationProblem(c, fieldErrors(result.error, POINTER_PREFIX[result.target] ?? []));
};
