import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The web calculator's budget (DESIGN.md §16): its JavaScript and CSS at most 150 KiB gzipped. */
export const PAGE_BUDGET_GZIP_BYTES = 150 * 1024;

export interface PageAssetSizes {
  files: { path: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

/**
 * The size of every .js and .css file under `<publicDir>/app/`, each gzipped on its own at zlib's default level
 * (as a browser receives them, one file per request), and their sums. Read by
 * test/unit/web-assets.test.ts (the budget) and `npm run bench` (the report).
 */
export function pageAssetSizes(publicDir = 'public'): PageAssetSizes {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  const files = walk(join(publicDir, 'app'))
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => {
      const content = readFileSync(f);
      return { path: relative(publicDir, f), bytes: content.byteLength, gzipBytes: gzipSync(content).byteLength };
    });
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}
