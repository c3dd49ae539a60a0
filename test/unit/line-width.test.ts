import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Biome formats code to 120 columns but leaves long comments and strings alone; this holds them too (issue 11).
const LINE_WIDTH = 120;
const ROOTS = ['src', 'schemas'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('line width', () => {
  it('finds the files it checks', () => {
    // A walk that found nothing would pass the next test vacuously.
    expect(ROOTS.flatMap(sourceFiles).length).toBeGreaterThan(100);
  });

  it(`keeps every line of src/ and schemas/ within ${LINE_WIDTH} characters`, () => {
    const long = ROOTS.flatMap(sourceFiles).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => ([...line].length > LINE_WIDTH ? [`${file}:${i + 1} (${[...line].length})`] : [])),
    );
    expect(long).toEqual([]);
  });
});
