// jstat-esm 2.0.2 ships no types; this declares the one function the service calls.
declare module 'jstat-esm' {
  export const studentt: {
    /** P(T ≤ x) for Student's t with `dof` degrees of freedom. */
    cdf(x: number, dof: number): number;
  };
}
