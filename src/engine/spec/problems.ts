/**
 * What a spec builder answers: the engine's spec, or every problem it found, each with a path relative
 * to the input it was given (`['flight', 'end']`). The caller places the paths: the schemas hand them
 * to zod, which prefixes them with the field's own path; only the HTTP edge turns them into pointers.
 */
export type SpecPath = (string | number)[];

export interface SpecProblem {
  path: SpecPath;
  message: string;
}

export type SpecResult<Spec> = { spec: Spec } | { problems: SpecProblem[] };

/** The same problems under `prefix`: a nested builder's paths made relative to its caller's input. */
export function under(prefix: SpecPath, problems: readonly SpecProblem[]): SpecProblem[] {
  return problems.map((p) => ({ path: [...prefix, ...p.path], message: p.message }));
}
