/**
 * Input that passes the schema but that the arithmetic finds unusable (a lifetime flight whose hours
 * all carry zero weight, say). The HTTP layer answers it as a 422 with each path as a JSON Pointer.
 */
export class InputError extends Error {
  constructor(readonly issues: { path: (string | number)[]; message: string }[]) {
    super(issues.map((i) => `${i.path.join('/')}: ${i.message}`).join('; '));
    this.name = 'InputError';
  }
}
