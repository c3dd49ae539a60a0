import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { PAGE_BUDGET_GZIP_BYTES, pageAssetSizes } from '../../scripts/page-size';

// The web calculator's static files (public/): what the browser loads must all come from this Worker,
// fit the size budget, and the committed chart library must be exactly the pinned npm package's.

const PUBLIC = 'public';
const APP = join(PUBLIC, 'app');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('public/app/vendor/: uPlot, committed', () => {
  const pinned = packageJson.devDependencies.uplot;
  const installed = JSON.parse(readFileSync('node_modules/uplot/package.json', 'utf8')) as { version: string };

  it('is pinned exactly in package.json, and that version is installed', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed.version).toBe(pinned);
  });

  it.each([
    ['uPlot.esm.js', 'node_modules/uplot/dist/uPlot.esm.js'],
    ['uPlot.min.css', 'node_modules/uplot/dist/uPlot.min.css'],
    ['LICENSE', 'node_modules/uplot/LICENSE'],
  ])('%s is byte-identical to the npm package’s file', (name, original) => {
    expect(readFileSync(join(APP, 'vendor', name)).equals(readFileSync(original))).toBe(true);
  });

  it('holds nothing else', () => {
    expect(readdirSync(join(APP, 'vendor')).sort()).toEqual(['LICENSE', 'uPlot.esm.js', 'uPlot.min.css']);
  });
});

describe('the page’s size budget', () => {
  it('keeps its JavaScript and CSS at most 150 KiB gzipped', () => {
    const sizes = pageAssetSizes(PUBLIC);
    // Every .js and .css file under public/app/ is counted, vendor files included.
    expect(sizes.files.map((f) => f.path).sort()).toEqual(
      filesUnder(APP)
        .filter((f) => /\.(js|css)$/.test(f))
        .map((f) => relative(PUBLIC, f))
        .sort(),
    );
    expect(sizes.gzipBytes).toBeGreaterThan(0);
    expect(PAGE_BUDGET_GZIP_BYTES).toBe(150 * 1024);
    expect(sizes.gzipBytes).toBeLessThanOrEqual(PAGE_BUDGET_GZIP_BYTES);
  });
});

describe('everything the page loads comes from this Worker', () => {
  const modules = filesUnder(APP).filter((f) => f.endsWith('.js'));

  it.each(modules)('%s imports only files that exist under public/app/', (file) => {
    const source = readFileSync(file, 'utf8');
    const specifiers = [
      ...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g),
      ...source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1] as string);
    for (const specifier of specifiers) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//);
      const target = resolve(dirname(file), specifier);
      expect(existsSync(target), `${file} imports ${specifier}`).toBe(true);
      expect(relative(resolve(APP), target).startsWith('..'), `${file} imports ${specifier}`).toBe(false);
    }
  });

  it('index.html links only same-origin files that exist, and has no inline script or style', () => {
    const html = readFileSync(join(PUBLIC, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(3);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^\/(?!\/)/);
      if (!['/docs', '/openapi.json'].includes(ref)) expect(existsSync(join(PUBLIC, ref)), ref).toBe(true);
    }
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('public/_headers gives / a CSP that allows only this origin and no inline code, and nosniff', () => {
    const rules = readFileSync(join(PUBLIC, '_headers'), 'utf8');
    const root = /^\/\n((?:[ \t]+.+\n)+)/m.exec(rules)?.[1] ?? '';
    const csp = /Content-Security-Policy: (.+)/.exec(root)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
    expect(root).toMatch(/X-Content-Type-Options: nosniff/);
    expect(rules).toMatch(/^\/app\/\*\n[ \t]+Content-Security-Policy: default-src 'none'/m);
  });
});
