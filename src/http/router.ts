import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from './validation';

/** Every router is made here, so every route answers invalid input with the same 422 problem. */
export function createRouter() {
  return new OpenAPIHono({ defaultHook: validationHook });
}
