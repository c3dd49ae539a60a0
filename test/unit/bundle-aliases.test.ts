import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as realCompile from '../../node_modules/zod/v4/core/compile.js';
import * as realProcessors from '../../node_modules/zod/v4/core/json-schema-processors.js';
import * as realToJsonSchema from '../../node_modules/zod/v4/core/to-json-schema.js';
import * as realFromJsonSchema from '../../node_modules/zod/v4/classic/from-json-schema.js';
import realEn from '../../node_modules/zod/v4/locales/en.js';
import * as compile from '../../src/bundle/zod-compile';
import * as fromJsonSchema from '../../src/bundle/zod-from-json-schema';
import * as processors from '../../src/bundle/zod-json-schema-processors';
import * as toJsonSchema from '../../src/bundle/zod-to-json-schema';
import * as locales from '../../src/bundle/zod-locales';

// wrangler.toml's [alias] swaps parts of zod for src/bundle/ in the deployed bundle only: the workerd tests
// (test/api) run without wrangler's aliases, so these checks hold the swap to what zod's modules expect.

/** wrangler.toml's alias table: key → target. */
function aliases(): Map<string, string> {
  const section = /\[alias\]\n([\s\S]*?)\n\[/.exec(readFileSync('wrangler.toml', 'utf8'))?.[1] ?? '';
  return new Map([...section.matchAll(/^"([^"]+)" = "([^"]+)"$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('the zod parts left out of the bundle (wrangler.toml [alias], src/bundle/)', () => {
  it('are each swapped for the module these checks cover, under every specifier zod imports them by', () => {
    const table = aliases();
    expect(table.get('../locales/index.js')).toBe('./src/bundle/zod-locales.ts');
    expect(table.get('./compile.js')).toBe('./src/bundle/zod-compile.ts');
    expect(table.get('./from-json-schema.js')).toBe('./src/bundle/zod-from-json-schema.ts');
    expect(table.get('./json-schema-processors.js')).toBe('./src/bundle/zod-json-schema-processors.ts');
    expect(table.get('../core/json-schema-processors.js')).toBe('./src/bundle/zod-json-schema-processors.ts');
    expect(table.get('./to-json-schema.js')).toBe('./src/bundle/zod-to-json-schema.ts');
    expect(table.get('../core/to-json-schema.js')).toBe('./src/bundle/zod-to-json-schema.ts');
  });

  it('keep English, the locale zod answers in', () => {
    expect(Object.keys(locales)).toEqual(['en']);
    expect(locales.en).toBe(realEn);
  });

  it("keep zod's own aggregateChecks, which .minLength, .maximum and .format read (and zod-to-openapi reads those)", () => {
    expect(processors.aggregateChecks).toBe(realProcessors.aggregateChecks);
  });

  it('export every name the modules they replace export, so no import of them comes out undefined', () => {
    expect(Object.keys(compile)).toEqual(expect.arrayContaining(Object.keys(realCompile)));
    expect(Object.keys(fromJsonSchema)).toEqual(expect.arrayContaining(Object.keys(realFromJsonSchema)));
    expect(Object.keys(processors)).toEqual(expect.arrayContaining(Object.keys(realProcessors)));
    expect(Object.keys(toJsonSchema)).toEqual(expect.arrayContaining(Object.keys(realToJsonSchema)));
    expect(compile.INVALID).toBe(realCompile.INVALID);
  });

  it('fail loudly if anything calls them', () => {
    expect(() => compile.compile()).toThrow(/not bundled/);
    expect(() => fromJsonSchema.fromJSONSchema()).toThrow(/not bundled/);
    expect(() => processors.toJSONSchema()).toThrow(/not bundled/);
    expect(() => toJsonSchema.createToJSONSchemaMethod()()).toThrow(/not bundled/);
  });
});
