import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import document from '../../openapi.json';
import { exampleRequests } from '../../scripts/example-requests';

// The 200 examples of openapi.json are the service's real answers: each example request (its body examples,
// its parameters' examples as the query) is sent to the Worker in workerd, and the answer must equal the
// 200 example of the same name. When an answer changes on purpose, `npm run openapi:examples` and
// `npm run openapi` rewrite the examples (market-cap and health keep theirs in their route files).

interface Media {
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}

function documentedAnswer(operationId: string, mediaType: string, name: string): unknown {
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(
      item as Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, Media> }> }>,
    )) {
      if (op.operationId !== operationId) continue;
      const media = op.responses['200']?.content?.[mediaType];
      return media?.examples ? media.examples[name]?.value : media?.example;
    }
  }
  return undefined;
}

const requests = exampleRequests(document);

describe('the 200 examples of openapi.json', () => {
  it('cover every operation', () => {
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId),
    );
    expect(new Set(requests.map((r) => r.operationId))).toEqual(new Set(ids));
  });

  it.each(requests.map((r) => [`${r.operationId} ${r.name} (${r.answer})`, r] as const))(
    '%s is the real answer to its example request',
    async (_name, request) => {
      const documented = documentedAnswer(request.operationId, request.answer, request.name);
      expect(documented, 'a documented answer').toBeDefined();
      const res = await exports.default.fetch(request.url, request.init);
      const text = await res.text();
      expect(res.status, text).toBe(200);
      expect(/json/.test(request.answer) ? JSON.parse(text) : text).toEqual(documented);
    },
  );
});
