// Writes the 200 examples of openapi.json as the service's real answers (`npm run openapi:examples`): each
// operation's example requests (scripts/example-requests.ts) are sent to the app, and the answers saved in
// schemas/examples/<operationId>.json, which the routes spread into their 200 responses. Run
// `npm run openapi` after it; test/api/openapi-examples.test.ts replays every example request in workerd.
import { mkdirSync, writeFileSync } from 'node:fs';
import { app } from '../src/app';
import { openApiDocument } from '../src/openapi';
import { exampleRequests } from './example-requests';

/** The operations whose 200 examples live in schemas/examples/; market-cap and health keep theirs in the route. */
const OPERATIONS = new Set([
  'estimateCampaignImpact',
  'estimateCampaignImpactBatch',
  'getCampaignImpactCsv',
  'getCampaignImpactValue',
  'getCampaignImpactTemplate',
  'estimatePlatformRevenueLoss',
  'estimateEventStudy',
  'importCampaignExport',
]);

type Named = Record<string, { summary?: string; value: unknown }>;
const answers = new Map<string, Record<string, Named>>();
for (const request of exampleRequests(openApiDocument(app))) {
  if (!OPERATIONS.has(request.operationId)) continue;
  const res = await app.request(request.url, request.init);
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`${request.operationId} example ${request.name} answered ${res.status}: ${text}`);
  const value: unknown = /json/.test(request.answer) ? JSON.parse(text) : text;
  const byMedia = answers.get(request.operationId) ?? {};
  const examples = byMedia[request.answer] ?? {};
  examples[request.name] = request.summary ? { summary: request.summary, value } : { value };
  byMedia[request.answer] = examples;
  answers.set(request.operationId, byMedia);
}

const dir = new URL('../schemas/examples/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [operationId, byMedia] of answers) {
  // A lone answer is the media type's `example`; several keep the names of the requests they answer.
  const content = Object.fromEntries(
    Object.entries(byMedia).map(([mediaType, named]) => [
      mediaType,
      Object.keys(named).length === 1 && named.default ? { example: named.default.value } : { examples: named },
    ]),
  );
  writeFileSync(new URL(`${operationId}.json`, dir), `${JSON.stringify(content, null, 2)}\n`);
  console.log(`wrote schemas/examples/${operationId}.json`);
}
