import { describe, expect, it } from 'vitest';
import committed from '../../openapi.json';
import { app } from '../../src/app';
import { openApiDocument } from '../../src/openapi';

// The contract test: the committed openapi.json is what the code generates (`npm run openapi` rewrites
// it), and every operation carries what a client generator and a reader need.

const generated = openApiDocument(app);

/** operationIds of DESIGN.md section 3, by method and path. */
const DESIGN_OPERATION_IDS: Record<string, string> = {
  'post /v1/impact': 'estimateCampaignImpact',
  'post /v1/impact/batch': 'estimateCampaignImpactBatch',
  'get /v1/impact.csv': 'getCampaignImpactCsv',
  'get /v1/impact/value': 'getCampaignImpactValue',
  'get /v1/impact/template.csv': 'getCampaignImpactTemplate',
  'post /v1/platform-loss': 'estimatePlatformRevenueLoss',
  'post /v1/market-cap': 'computeMarketCapChange',
  'post /v1/market-cap/event-study': 'estimateEventStudy',
  'get /health': 'getHealth',
  'get /v1/outages': 'listOutages',
  'get /v1/outages/{id}': 'getOutage',
  'get /v1/platforms/{platform}/revenue': 'listPlatformRevenue',
  'post /v1/impact/import': 'importCampaignExport',
};

interface MediaType {
  schema?: { $ref?: string };
  example?: unknown;
  examples?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: unknown[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { description: string; content?: Record<string, MediaType> }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const operations: [string, Operation][] = Object.entries(generated.paths ?? {}).flatMap(([path, item]) =>
  METHODS.flatMap((method) => {
    const op = (item as Record<string, Operation | undefined>)[method];
    return op ? [[`${method} ${path}`, op] as [string, Operation]] : [];
  }),
);

const hasExample = (media: MediaType) => media.example !== undefined || Object.keys(media.examples ?? {}).length > 0;

describe('openapi.json', () => {
  it('is exactly what `npm run openapi` generates from the schemas (run it and commit when this fails)', () => {
    // through JSON, as the file is written: undefined members drop out, exactly as in `npm run openapi`
    // (which `npm run openapi:check` also compares byte for byte in CI)
    expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it('is OpenAPI 3.1', () => {
    expect(generated.openapi).toBe('3.1.0');
  });

  it('has the market-cap and health operations', () => {
    const keys = operations.map(([key]) => key);
    expect(keys).toContain('post /v1/market-cap');
    expect(keys).toContain('get /health');
  });
});

describe.each(operations)('%s', (key, op) => {
  it('has the operationId of DESIGN.md section 3', () => {
    expect(op.operationId).toBe(DESIGN_OPERATION_IDS[key]);
  });

  it('has a summary, a description and exactly one declared tag', () => {
    expect(op.summary?.trim()).toBeTruthy();
    expect(op.description?.trim()).toBeTruthy();
    expect(op.tags).toHaveLength(1);
    expect(generated.tags?.map((t) => t.name)).toContain(op.tags?.[0]);
  });

  it('has a request example where it has a body', () => {
    if (!op.requestBody) return;
    const media = Object.values(op.requestBody.content);
    expect(media.length).toBeGreaterThan(0);
    expect(media.some(hasExample)).toBe(true);
  });

  it('has a success response', () => {
    expect(op.responses['200']?.content).toBeDefined();
  });

  it('declares its error responses as application/problem+json Problems', () => {
    const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
    expect(errors.length).toBeGreaterThan(0);
    for (const [status, response] of errors) {
      expect(Object.keys(response.content ?? {}), status).toEqual(['application/problem+json']);
      expect(response.content?.['application/problem+json']?.schema?.$ref, status).toBe('#/components/schemas/Problem');
    }
  });

  it('declares the 4xx problems of its input: 400, 413, 415 and 422 for a body, 422 for query parameters', () => {
    const statuses = Object.keys(op.responses);
    if (op.requestBody) expect(statuses).toEqual(expect.arrayContaining(['400', '413', '415', '422']));
    else if ((op.parameters ?? []).length > 0) expect(statuses).toContain('422');
    // nothing it reads can be invalid; only its URL can be too long (and its key wrong, under /v1)
    else expect(statuses.filter((s) => s.startsWith('4') && s !== '401')).toEqual(['413']);
  });

  it('declares the 413 of a URL over 8 KiB, which every request can earn (src/http/guards.ts)', () => {
    expect(op.responses['413']?.description).toMatch(/URL is over 8 KiB/);
  });
});

describe('response examples (DESIGN.md section 8)', () => {
  it.each(['post /v1/market-cap', 'get /health'])('%s shows a real answer as its 200 example', (key) => {
    const op = operations.find(([k]) => k === key)?.[1];
    const json = op?.responses['200']?.content?.['application/json'];
    expect(json && hasExample(json)).toBe(true);
  });
});

describe('operationIds', () => {
  it('are unique', () => {
    const ids = operations.map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('every collection of a request is bounded in the contract (DESIGN.md section 9)', () => {
  const schemas = committed.components.schemas as Record<string, unknown>;
  const find = (name: string, path: string[]) =>
    path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], schemas[name]);

  it.each([
    ['ImpactRequest', ['properties', 'campaigns', 'maxItems'], 1000],
    ['BatchJsonRequest', ['properties', 'rows', 'maxItems'], 10000],
    ['MarketCapRequest', ['properties', 'shareClasses', 'maxItems'], 100],
    ['MarketCapRequest', ['properties', 'holders', 'maxItems'], 1000],
  ])('%s %j is %d', (name, path, max) => {
    expect(find(name, path)).toBe(max);
  });

  it('declares 168 weights at most and 100 windows at most', () => {
    const text = JSON.stringify(committed);
    expect(text).toContain('"maxItems":168');
    expect(text).toContain('"maxItems":100');
  });
});
