import { describe, expect, it } from 'vitest';
import document from '../../openapi.json';
import index from '../../sdk/typescript/index.ts?raw';
import schema from '../../sdk/typescript/schema.ts?raw';
import { sdkFiles } from '../../scripts/sdk-files';

describe('sdk/typescript/', () => {
  it('is exactly what `npm run sdk` generates from openapi.json (run it and commit when this fails)', async () => {
    const generated = await sdkFiles(document);
    expect(Object.keys(generated).sort()).toEqual(['index.ts', 'schema.ts']);
    expect(schema).toBe(generated['schema.ts']);
    expect(index).toBe(generated['index.ts']);
  });
});
