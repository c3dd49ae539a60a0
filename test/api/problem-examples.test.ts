import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

// Each route declares its own 422 example (src/http/responses.ts, jsonProblemResponses): its pointers must
// name fields of THAT route's input, so a reader of the market-cap reference never sees a campaign field.

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}
interface Parameter {
  name: string;
  in: string;
}
interface FieldError {
  pointer: string;
  detail: string;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { example?: { errors: FieldError[] } }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const UNKNOWN_FIELD = 'is not a field of this object; check its spelling';

async function servedDocument(): Promise<Document> {
  const res = await exports.default.fetch('http://localhost/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
}

/** RFC 6901 reference tokens of a pointer. */
const tokens = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));

/** True when the schema has a member at `path` (through $refs, unions, objects and arrays). */
function hasPath(doc: Document, schema: Schema | undefined, path: string[]): boolean {
  if (!schema) return false;
  if (schema.$ref) return hasPath(doc, doc.components.schemas[schema.$ref.split('/').pop() ?? ''], path);
  const [head, ...rest] = path;
  if (head === undefined) return true;
  const branches = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  if (branches.some((branch) => hasPath(doc, branch, path))) return true;
  if (schema.properties && Object.hasOwn(schema.properties, head)) return hasPath(doc, schema.properties[head], rest);
  if (schema.items && /^\d+$/.test(head)) return hasPath(doc, schema.items, rest);
  if (typeof schema.additionalProperties === 'object') return hasPath(doc, schema.additionalProperties, rest);
  return false;
}

/** Every declared 422 example error of every operation, with the operation it belongs to. */
function examples(doc: Document): { operation: Operation; error: FieldError }[] {
  return Object.values(doc.paths).flatMap((item) =>
    Object.values(item).flatMap((operation) =>
      Object.values(operation.responses['422']?.content ?? {}).flatMap((media) =>
        (media.example?.errors ?? []).map((error) => ({ operation, error })),
      ),
    ),
  );
}

/** Whether a pointer of a 422 example names a real input of its operation (an unknown one its real parent). */
function namesInputOf(doc: Document, operation: Operation, error: FieldError): boolean {
  const path = tokens(error.pointer);
  const unknown = error.detail === UNKNOWN_FIELD;
  const [where, name] = path;
  if (where === 'query' || where === 'path') {
    const declared = (operation.parameters ?? []).some((p) => p.in === where && p.name === name);
    return unknown ? !declared && path.length === 2 : declared;
  }
  const body = operation.requestBody?.content['application/json']?.schema;
  if (unknown) return hasPath(doc, body, path.slice(0, -1)) && !hasPath(doc, body, path);
  return hasPath(doc, body, path);
}

describe('each route declares its own 422 example', () => {
  it('every operation that takes input declares a 422 with an example', async () => {
    const doc = await servedDocument();
    const missing = Object.values(doc.paths)
      .flatMap((item) => Object.values(item))
      .filter((op) => op.requestBody || op.parameters?.length)
      .filter((op) => !Object.values(op.responses['422']?.content ?? {}).some((m) => m.example?.errors.length));
    expect(missing.map((op) => op.operationId)).toEqual([]);
  });

  it('names fields of the route’s own input (an unknown field under a real parent)', async () => {
    const doc = await servedDocument();
    // The CSV routes name `/header/<column>` of the sent spreadsheet, which has no schema in the document.
    const checked = examples(doc).filter(({ error }) => !error.pointer.startsWith('/header/'));
    expect(checked.length).toBeGreaterThanOrEqual(9);
    const wrong = checked.filter(({ operation, error }) => !namesInputOf(doc, operation, error));
    expect(wrong.map(({ operation, error }) => `${operation.operationId} ${error.pointer}`)).toEqual([]);
  });

  it('market cap: the example is the real answer to a negative share count', async () => {
    const doc = await servedDocument();
    const declared = doc.paths['/v1/market-cap']?.post?.responses['422']?.content?.['application/problem+json'];
    const res = await exports.default.fetch('http://localhost/v1/market-cap', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ shareClasses: [{ shares: '-5' }], price: { before: '10', after: '9' } }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual(declared?.example);
  });

  it('the check itself fails on a pointer into another route’s body', async () => {
    const doc = await servedDocument();
    const marketCap = doc.paths['/v1/market-cap']?.post as Operation;
    expect(namesInputOf(doc, marketCap, { pointer: '/campaigns/0/cmp', detail: UNKNOWN_FIELD })).toBe(false);
    expect(namesInputOf(doc, marketCap, { pointer: '/shareClasses/0/shares', detail: 'must be > 0' })).toBe(true);
  });
});
