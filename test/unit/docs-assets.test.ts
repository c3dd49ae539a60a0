import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm test` copies Swagger UI into public/docs/vendor/ first (pretest → scripts/copy-docs-assets.mjs).
const source = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const target = join(__dirname, '..', '..', 'public', 'docs', 'vendor');

describe('the API reference code served at /docs/vendor/', () => {
  it.each(['swagger-ui-bundle.js', 'swagger-ui.css'])('%s is byte-identical to the pinned swagger-ui-dist', (file) => {
    expect(readFileSync(join(target, file)).equals(readFileSync(join(source, file)))).toBe(true);
  });

  it('the pinned version is the one package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const dist = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { version: string };
    expect(pkg.devDependencies['swagger-ui-dist']).toBe(dist.version);
  });
});
