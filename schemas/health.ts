import { z } from '@hono/zod-openapi';

export const HealthResponse = z
  .object({
    status: z.literal('ok'),
    version: z.string().openapi({ description: 'The service version (package.json).', example: '0.1.0' }),
  })
  .openapi('HealthResponse');
