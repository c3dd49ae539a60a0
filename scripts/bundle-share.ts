/**
 * What each dependency costs in the Worker bundle, gzipped: every character of dist/index.js is attributed,
 * through wrangler's source map, to the package (or the app folder) it came from; each group's characters are
 * gzipped on their own and the bundle's real gzipped size is shared out in those proportions (gzip finds fewer
 * repeats within one group than across the whole file, so separate sizes would add up to more than the total).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';

export interface BundleShare {
  /** A package name, `app: <folder>` for the service's own code, or `(bundler glue)`. */
  name: string;
  minifiedBytes: number;
  /** This group's share of the bundle's gzipped size. */
  gzipBytes: number;
}

const GLUE = '(bundler glue)';

/** The group a source file belongs to: its package under node_modules, else its app folder (src/ one deeper). */
export function groupOf(source: string | undefined): string {
  if (source === undefined) return GLUE;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  if (pkg?.[1]) return pkg[1];
  const path = source.replace(/^(\.\.\/)+/, '').split('/');
  if (path[0] === 'src') return path.length > 2 ? `app: src/${path[1]}` : 'app: src/*.ts';
  return `app: ${path[0]}`;
}

/** The gzip cost of each group in a bundle and its source map (`<bundle>.map`), largest first. */
export function bundleShares(bundlePath: string): { totalGzipBytes: number; shares: BundleShare[] } {
  const code = readFileSync(bundlePath, 'utf8');
  const map = JSON.parse(readFileSync(`${bundlePath}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const groups = map.sources.map(groupOf);
  const text = new Map<string, string[]>();
  const add = (group: string, chars: string) => {
    if (!chars) return;
    const parts = text.get(group);
    if (parts) parts.push(chars);
    else text.set(group, [chars]);
  };
  const decoded = decode(map.mappings);
  code.split('\n').forEach((line, i) => {
    let from = 0;
    let group = GLUE;
    for (const segment of decoded[i] ?? []) {
      add(group, line.slice(from, segment[0]));
      from = segment[0];
      group = segment[1] === undefined ? GLUE : (groups[segment[1]] ?? GLUE);
    }
    add(group, `${line.slice(from)}\n`);
  });
  const totalGzipBytes = gzipSync(code).byteLength;
  const alone = [...text].map(([name, parts]) => {
    const joined = parts.join('');
    return { name, minifiedBytes: Buffer.byteLength(joined), aloneGzip: gzipSync(joined).byteLength };
  });
  const sumAlone = alone.reduce((sum, g) => sum + g.aloneGzip, 0);
  const shares = alone.map((g) => ({
    name: g.name,
    minifiedBytes: g.minifiedBytes,
    gzipBytes: (g.aloneGzip * totalGzipBytes) / sumAlone,
  }));
  return { totalGzipBytes, shares: shares.sort((a, b) => b.gzipBytes - a.gzipBytes) };
}
