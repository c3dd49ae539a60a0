import { z } from '@hono/zod-openapi';

/**
 * An issue's message that names other places of the request (a failover's "the id of 2 campaigns
 * (/campaigns/0, /campaigns/2)"): a zod custom issue carries it as `params.describe`, and src/http/validation.ts
 * writes it with each place's JSON Pointer, so only the HTTP edge writes pointers.
 */
export type DescribeIssue = (place: (path: readonly (string | number)[]) => string) => string;

export const ProblemError = z
  .object({
    pointer: z.string().openapi({
      description:
        'RFC 6901 JSON Pointer to the offending input: into the JSON body (`/campaigns/0/cpm`), ' +
        '`/query/<name>` for a query parameter, or `/rows/<n>/<column>` for a CSV row.',
      example: '/price/before',
    }),
    detail: z
      .string()
      .openapi({ description: 'What is wrong with it, in words.', example: 'must be greater than 0, at most 1e9' }),
  })
  .openapi('ProblemError');

export const Problem = z
  .object({
    type: z
      .string()
      .openapi({ description: 'URI of the problem type; GET it for an explanation.', example: '/problems/validation' }),
    title: z.string().openapi({ example: 'Invalid input' }),
    status: z.number().int().openapi({ example: 422 }),
    detail: z.string().openapi({ example: 'The request has 1 invalid field.' }),
    errors: z.array(ProblemError).openapi({
      description:
        'Every problem found, each with its pointer (at most 100; `detail` ' +
        'says how many more). Empty when the problem is not about a field.',
    }),
    cost: z
      .number()
      .int()
      .optional()
      .openapi({
        description:
          'Only on a 413 from the cost model: what the request would ' +
          'cost, in work units (about one hour bucket walked each).',
        example: 1250000,
      }),
    limit: z.number().int().optional().openapi({
      description: 'Only on a 413 from the cost model: the units one request may cost here.',
      example: 400000,
    }),
  })
  .openapi('Problem', {
    description: 'An RFC 9457 problem details object, served as `application/problem+json`.',
  });
export type Problem = z.infer<typeof Problem>;
