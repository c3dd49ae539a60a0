// Copies the API reference's code (Swagger UI, from the pinned swagger-ui-dist npm package) into
// public/docs/vendor/, which Wrangler serves as static assets from the Worker's own origin: /docs loads
// nothing from another origin and works offline. The folder is generated (and gitignored); `npm start`,
// `npm test` and `npm run build` run this first (their pre-scripts), so a fresh clone works.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DOCS_VENDOR_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const target = join(root, 'public', 'docs', 'vendor');
mkdirSync(target, { recursive: true });
for (const file of DOCS_VENDOR_FILES) copyFileSync(join(source, file), join(target, file));
const { version } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
console.log(`docs assets: swagger-ui-dist ${version} → public/docs/vendor/`);

// The committed OpenAPI document as a static file (gitignored), compact as GET /openapi.json answers it: the Worker
// reads it through the ASSETS binding instead of generating the document (src/openapi.ts openApiResponse).
const openapi = JSON.stringify(JSON.parse(readFileSync(join(root, 'openapi.json'), 'utf8')));
writeFileSync(join(root, 'public', 'openapi.json'), openapi);
console.log('docs assets: openapi.json → public/openapi.json');
