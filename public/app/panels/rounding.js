// The rounding option every calculator takes (DESIGN.md §2); the page always asks for the derivation.

/** @type {import('../form.js').Node} */
export const roundingFields = {
  kind: 'group',
  key: 'options',
  legend: 'Rounding',
  fields: [
    {
      kind: 'select',
      key: 'rounding',
      label: 'Rounding of the results',
      options: [
        ['', 'Half to even (default)'],
        ['half-up', 'Half up'],
      ],
    },
  ],
};

/**
 * The body as sent: the derivation is always asked for, and shown on request.
 * @param {any} body
 */
export const withExplain = (body) => ({ ...body, options: { ...(body.options ?? {}), explain: true } });
