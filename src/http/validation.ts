import type { Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { z } from '@hono/zod-openapi';
import type { DescribeIssue } from '../../schemas/problem';
import { type FieldError, jsonPointer, validationProblem } from './problem';

/** Where each validation target's pointers start (DESIGN.md section 2, "Errors"). */
const POINTER_PREFIX: Record<string, readonly string[]> = {
  json: [],
  query: ['query'],
  param: ['path'],
  header: ['header'],
};

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
      for (const key of issue.keys)
        out.push({ pointer: jsonPointer([...path, key]), detail: 'is not a field of this object; check its spelling' });
    } else if (issue.code === 'invalid_key' && issue.issues.length > 0) {
      // zod's own wording is "Invalid key in record"; the key's schema says what a key must be.
      for (const inner of issue.issues) out.push({ pointer: jsonPointer(path), detail: inner.message });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the alternative the input was meant as: the one whose type matched (a range object, say).
      const matching = issue.errors.filter((branch) => !isTypeMismatch(branch));
      if (matching.length === 1) collect(matching[0] as z.core.$ZodIssue[], path, out);
      // zod's own wording is "Invalid input"; a union given its own message keeps it.
      else
        out.push({
          pointer: jsonPointer(path),
          detail:
            matching.length === 0 && issue.message === 'Invalid input'
              ? describeAlternatives(issue.errors)
              : issue.message,
        });
    } else {
      out.push({ pointer: jsonPointer(path), detail: describe(issue, prefix) });
    }
  }
}

/** An issue's message; one that names other places of the request names them by pointer (DescribeIssue). */
function describe(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): string {
  const written = issue.code === 'custom' ? issue.params?.describe : undefined;
  if (typeof written !== 'function') return issue.message;
  return (written as DescribeIssue)((path) => jsonPointer([...prefix, ...path]));
}

/** True when a union branch failed only because the input is not of its type at all (nested unions included). */
function isTypeMismatch(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.every(
    (i) =>
      i.path.length === 0 &&
      (i.code === 'invalid_type' ||
        (i.code === 'invalid_value' && i.values.length <= 1) ||
        (i.code === 'invalid_union' && i.errors.every(isTypeMismatch))),
  );
}

/** "must be a number, a string or an object": what each alternative of a union expected. */
function describeAlternatives(branches: readonly (readonly z.core.$ZodIssue[])[]): string {
  const expected = new Set<string>();
  const visit = (issues: readonly z.core.$ZodIssue[]) => {
    for (const i of issues) {
      if (i.code === 'invalid_type')
        expected.add(i.expected === 'object' || i.expected === 'array' ? `an ${i.expected}` : `a ${i.expected}`);
      else if (i.code === 'invalid_value') for (const v of i.values) expected.add(JSON.stringify(v));
      else if (i.code === 'invalid_union') i.errors.forEach(visit);
    }
  };
  branches.forEach(visit);
  const list = [...expected];
  return list.length
    ? `must be ${list.slice(0, -1).join(', ')}${list.length > 1 ? ' or ' : ''}${list[list.length - 1]}`
    : 'is not valid';
}

/** The hook every route shares: a failed validation is a 422 problem listing every field. */
export const validationHook: Hook<unknown, Env, string, unknown> = (result, c) => {
  if (!result.success) return validationProblem(c, fieldErrors(result.error, POINTER_PREFIX[result.target] ?? []));
};
