// Writes openapi.json from the zod schemas (`npm run openapi`), or with --check fails when the committed
// file differs from what the code generates (`npm run openapi:check`).
import { readFileSync, writeFileSync } from 'node:fs';
import { app } from '../src/app';
import { openApiDocument } from '../src/openapi';

const path = new URL('../openapi.json', import.meta.url);
const generated = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const committed = readFileSync(path, 'utf8');
  if (committed !== generated) {
    console.error('openapi.json is out of date: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.json is up to date.');
} else {
  writeFileSync(path, generated);
  console.log('wrote openapi.json');
}
