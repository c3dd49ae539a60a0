import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as real from '@modelcontextprotocol/sdk/validation/cfworker';
import { describe, expect, it } from 'vitest';
import * as standIn from '../../src/bundle/mcp-cfworker-validator';

// wrangler.toml's [alias] swaps the MCP SDK's Workers validator for src/bundle/mcp-cfworker-validator.ts in the
// deployed bundle only; these checks hold the swap to the one place the SDK's Server would use a validator.

const SERVER = 'node_modules/@modelcontextprotocol/sdk/dist/esm/server/index.js';

describe('the MCP JSON Schema validator left out of the bundle', () => {
  it('is what the alias points at, and exports what the module it replaces exports', () => {
    expect(readFileSync('wrangler.toml', 'utf8')).toMatch(
      /^"@modelcontextprotocol\/sdk\/validation\/cfworker" = "\.\/src\/bundle\/mcp-cfworker-validator\.ts"$/m,
    );
    expect(Object.keys(standIn)).toEqual(Object.keys(real));
  });

  it('fails loudly if anything asks it for a validator', () => {
    expect(() => new standIn.CfWorkerJsonSchemaValidator().getValidator()).toThrow(/not bundled/);
  });

  it("is read by the SDK's Server only inside elicitInput, which nothing in src/ calls", () => {
    const server = readFileSync(SERVER, 'utf8');
    const reads = [...server.matchAll(/this\._jsonSchemaValidator\.getValidator/g)].map((m) => m.index);
    expect(reads).toHaveLength(1);
    const elicit = server.indexOf('async elicitInput(');
    const next = server.indexOf('\n    async ', elicit + 1);
    expect(reads[0]).toBeGreaterThan(elicit);
    expect(reads[0]).toBeLessThan(next);
    const callers = execFileSync('grep', ['-rl', 'elicit', 'src/'], { encoding: 'utf8' }).trim().split('\n');
    expect(callers).toEqual(['src/bundle/mcp-cfworker-validator.ts']);
  });
});
