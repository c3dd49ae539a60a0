// Generates the TypeScript SDK in sdk/typescript/ from openapi.json (`npm run sdk`), or with --check fails when
// the committed files differ from what it would generate (`npm run sdk:check`).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { sdkFiles } from './sdk-files';

const dir = new URL('../sdk/typescript/', import.meta.url);
const document: unknown = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'));
const files = await sdkFiles(document);

if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([name, text]) => {
    try {
      return readFileSync(new URL(name, dir), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(
      `sdk/typescript/ is out of date (${stale.map(([name]) => name).join(', ')}): run \`npm run sdk\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log('sdk/typescript/ is up to date.');
} else {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(new URL(name, dir), text);
  console.log(
    `wrote ${Object.keys(files)
      .map((name) => `sdk/typescript/${name}`)
      .join(', ')}`,
  );
}
