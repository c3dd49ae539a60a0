import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The MCP SDK is evaluated on the first POST /mcp, not at cold start (src/mcp/sdk.ts, docs/mcp.md "Cold start").
// esbuild defers a module only if nothing imports it statically, and it wraps, and tree-shakes less, every module
// that the deferred one imports: these checks hold both rules, which no answer would show if they broke.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every `import … from '…'` and `export … from '…'` of a file that is not `import type`, with its specifier. */
function valueImports(code: string): string[] {
  const statements = code.matchAll(/^(import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms);
  return [...statements].map((m) => m[2] as string);
}

const SDK_MODULE = 'src/mcp/sdk.ts';

describe('the MCP SDK loaded on the first POST /mcp', () => {
  it('is imported as a value only by src/mcp/sdk.ts', () => {
    const importers = sourceFiles('src').filter((file) =>
      valueImports(readFileSync(file, 'utf8')).some((s) => s.startsWith('@modelcontextprotocol/sdk')),
    );
    expect(importers).toEqual([SDK_MODULE]);
  });

  it('src/mcp/sdk.ts imports nothing of the app, and is reached only by a dynamic import', () => {
    expect(
      valueImports(readFileSync(SDK_MODULE, 'utf8')).every((s) => s.startsWith('@modelcontextprotocol/sdk/')),
    ).toBe(true);
    const reaching = sourceFiles('src').flatMap((file) => {
      const code = readFileSync(file, 'utf8');
      const dynamic = code.includes("await import('../../mcp/sdk')") ? ['dynamic'] : [];
      const statics = valueImports(code).filter((s) => s.endsWith('/mcp/sdk'));
      return [...dynamic.map(() => `${file} (dynamic)`), ...statics.map(() => `${file} (static)`)];
    });
    expect(reaching).toEqual(['src/routes/mcp/post.ts (dynamic)']);
  });
});
