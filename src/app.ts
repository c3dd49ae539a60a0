import { HTTPException } from 'hono/http-exception';
import { cors } from 'hono/cors';
import type { Context } from 'hono';
import { openApiResponse, registerOneOfForms, registerSecuritySchemes } from './openapi';
import {
  jsonPointer,
  MULTIPART_UNREADABLE,
  PROBLEM_TYPES,
  problemResponse,
  type ProblemSlug,
  validationProblem,
} from './http/problem';
import { apiKeys, requestLimits, workLimitProblem } from './http/guards';
import { requestContext } from './http/observability';
import { requestMediaType } from './http/media-type';
import { createRouter } from './http/router';
import { mountDocs } from './routes/docs';
import { mountMcp } from './routes/mcp';
import { batchRoutes } from './routes/batch';
import { catalogueRoutes } from './routes/catalogue';
import { healthRoutes } from './routes/health';
import { impactRoutes } from './routes/impact';
import { importRoutes } from './routes/import';
import { marketCapRoutes } from './routes/market-cap';
import { platformRoutes } from './routes/platform';
import { eventStudyRoutes } from './routes/event-study';
import { InputError, WorkLimitError } from './engine/errors';

const STATUS_SLUGS: Record<number, ProblemSlug> = {
  400: 'malformed-body',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

export function buildApp() {
  const app = createRouter();

  app.use('*', requestContext);
  app.use(
    '*',
    cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'], exposeHeaders: ['X-Request-Id'] }),
  );
  // The key is checked before the body is read: an unauthenticated caller costs no body reading.
  app.use('/v1/*', apiKeys);
  app.use('/mcp', apiKeys);
  app.use('*', requestLimits);

  app.route('/', healthRoutes);
  app.route('/', impactRoutes);
  app.route('/', batchRoutes);
  app.route('/', importRoutes);
  app.route('/', marketCapRoutes);
  app.route('/', platformRoutes);
  app.route('/', eventStudyRoutes);
  app.route('/', catalogueRoutes);

  app.get('/openapi.json', (c) => openApiResponse(c, app));
  mountDocs(app);
  mountMcp(app);
  registerSecuritySchemes(app);
  registerOneOfForms(app);
  app.get('/problems/:slug', (c) => {
    const slug = c.req.param('slug');
    if (!Object.hasOwn(PROBLEM_TYPES, slug)) return notFound(c);
    const type = PROBLEM_TYPES[slug as ProblemSlug];
    return c.json({ type: `/problems/${slug}`, title: type.title, status: type.status, explanation: type.explanation });
  });

  app.notFound((c) => {
    const allowed = methodsFor(app, c.req.path);
    if (allowed.length === 0) return notFound(c);
    const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    return problemResponse(
      c,
      'method-not-allowed',
      `${c.req.method} is not allowed on ${c.req.path}; use ${allow}.`,
      [],
      { Allow: allow },
    );
  });

  app.onError((err, c) => {
    if (err instanceof InputError)
      return validationProblem(
        c,
        err.issues.map((i) => ({ pointer: jsonPointer(i.path), detail: i.message })),
      );
    if (err instanceof WorkLimitError) return workLimitProblem(c, err);
    if (err instanceof HTTPException && STATUS_SLUGS[err.status]) {
      const slug = STATUS_SLUGS[err.status] as ProblemSlug;
      return problemResponse(c, slug, describeHttpException(slug, c));
    }
    console.error(JSON.stringify({ level: 'error', message: err.message, path: c.req.path }));
    return problemResponse(c, 'internal', 'The service failed unexpectedly; the failure has been logged.');
  });

  return app;
}

function describeHttpException(slug: ProblemSlug, c: Context): string {
  switch (slug) {
    case 'malformed-body':
      return requestMediaType(c) === 'multipart/form-data'
        ? MULTIPART_UNREADABLE
        : 'The request body is not valid JSON.';
    case 'unsupported-media-type':
      return (
        `Content-Type ${JSON.stringify(c.req.header('content-type') ?? '')} is not accepted here; send ` +
        `${c.req.path === '/v1/impact/batch' ? 'text/csv or application/json' : 'application/json'}.`
      );
    default:
      return PROBLEM_TYPES[slug].title;
  }
}

function notFound(c: Context): Response {
  return problemResponse(c, 'not-found', `Nothing is at ${c.req.path}. GET /openapi.json lists the paths.`);
}

/** The methods some route answers on this path; a `:param` segment of a route matches any one segment. */
function methodsFor(app: ReturnType<typeof createRouter>, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (matchesPath(route.path, path) && route.method !== 'ALL') methods.add(route.method);
  }
  return [...methods];
}

function matchesPath(pattern: string, path: string): boolean {
  if (!pattern.includes('/:')) return pattern === path;
  const want = pattern.split('/');
  const got = path.split('/');
  return (
    want.length === got.length &&
    want.every((segment, i) => (segment.startsWith(':') ? got[i] !== '' : segment === got[i]))
  );
}

export const app = buildApp();
