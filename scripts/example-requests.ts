/**
 * The example requests of an OpenAPI document: for each operation, each of its request-body examples (or
 * one request without a body), with the query that its parameters' examples make. scripts/openapi-examples.ts
 * sends them to write the 200 examples; test/api/openapi-examples.test.ts replays them in workerd.
 */
export interface ExampleRequest {
  operationId: string;
  /** The example's name: a request-body example's own name, else `default`. */
  name: string;
  summary?: string;
  url: string;
  init: { method: string; body?: string; headers?: Record<string, string> };
  /** The media type of the 200 answer that this request asks for. */
  answer: string;
}

interface Media {
  schema?: { example?: unknown };
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; example?: unknown; schema?: { example?: unknown } }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
}
interface Document {
  paths?: Record<string, unknown>;
}

/** The named examples of a media type; a lone `example` (media- or schema-level) is named `default`. */
function namedExamples(media: Media): [string, { summary?: string; value: unknown }][] {
  if (media.examples) return Object.entries(media.examples);
  const value = media.example ?? media.schema?.example;
  return value === undefined ? [] : [['default', { value }]];
}

function operationRequests(path: string, method: string, op: Operation & { operationId: string }): ExampleRequest[] {
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    const example = p.example ?? p.schema?.example;
    if (p.in === 'query' && example !== undefined) query.set(p.name, String(example));
  }
  // Path parameters take their examples too (`/v1/outages/{id}` → `/v1/outages/meta-2021-10-04`).
  let filled = path;
  for (const p of op.parameters ?? []) {
    const example = p.example ?? p.schema?.example;
    if (p.in === 'path' && example !== undefined)
      filled = filled.replace(`{${p.name}}`, encodeURIComponent(String(example)));
  }
  const url = `http://localhost${filled}${query.size ? `?${query}` : ''}`;
  const answers = Object.keys(op.responses['200']?.content ?? {});
  const bodies = Object.entries(op.requestBody?.content ?? {}).flatMap(([mediaType, media]) =>
    namedExamples(media).map(([name, example]) => ({
      name,
      summary: example.summary,
      mediaType,
      value: example.value,
    })),
  );
  const base = { operationId: op.operationId, url };
  if (bodies.length === 0)
    return [
      { ...base, name: 'default', init: { method: method.toUpperCase() }, answer: answers[0] ?? 'application/json' },
    ];
  return bodies.map((b) => {
    // A body in a format the operation also answers in asks for that format (the batch: CSV in, CSV out).
    const answer = answers.includes(b.mediaType) ? b.mediaType : (answers[0] ?? 'application/json');
    const body = /json/.test(b.mediaType) ? JSON.stringify(b.value) : String(b.value);
    const request: ExampleRequest = {
      ...base,
      name: b.name,
      url,
      init: { method: method.toUpperCase(), body, headers: { 'Content-Type': b.mediaType, Accept: answer } },
      answer,
    };
    if (b.summary) request.summary = b.summary;
    return request;
  });
}

export function exampleRequests(document: Document): ExampleRequest[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).flatMap(([method, op]) =>
      op.operationId ? operationRequests(path, method, op as Operation & { operationId: string }) : [],
    ),
  );
}
