import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson } from '../../src/http/json-reader';

const errorsOf = (text: string) => {
  const reading = readJson(text);
  if (!('errors' in reading)) throw new Error(`expected errors, got ${JSON.stringify(reading)}`);
  return reading.errors;
};

describe('readJson reads what JSON.parse reads', () => {
  it('agrees with JSON.parse on arbitrary JSON without duplicate or prototype keys', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const reading = readJson(text);
        // fc.json() may produce prototype keys or tiny numbers; those are the cases below.
        if (!('value' in reading)) return;
        expect(reading.value).toEqual(JSON.parse(text));
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('decodes escapes, surrogate pairs and whitespace as JSON.parse does', () => {
    const text = ' { "a\\"b" : [ "\\u00e9\\n", "\\ud83d\\ude00", -0.5e+2, 1E3, true, false, null ] } ';
    expect(readJson(text)).toEqual({ value: JSON.parse(text) });
  });

  it.each([
    '',
    '{',
    '[1,]',
    '{"a":1,}',
    '01',
    '1.',
    '.5',
    '-',
    '1e',
    '"\\x"',
    '"a\nb"',
    'nul',
    '{} x',
    "{'a':1}",
    '"open',
  ])('refuses %j as JSON.parse does', (text) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(readJson(text)).toHaveProperty('syntax');
  });
});

describe('readJson refuses what JSON.parse hides', () => {
  it('names a key given twice in one object by its pointer, at any depth, with ~ and / escaped', () => {
    expect(errorsOf('{"campaigns":[{"cpm":"9.50","ctr":"0.01","cpm":"12"}]}')).toEqual([
      { pointer: '/campaigns/0/cpm', detail: 'is given twice in the same object; give it once' },
    ]);
    expect(errorsOf('{"a/b~c":1,"a/b~c":2}')[0]?.pointer).toBe('/a~1b~0c');
    // The same key in two different objects is not a duplicate.
    expect(readJson('[{"a":1},{"a":2}]')).toEqual({ value: [{ a: 1 }, { a: 2 }] });
  });

  it('refuses __proto__, constructor and prototype keys wherever they are, batch rows included', () => {
    const errors = errorsOf('{"rows":[{"__proto__":{"x":1}},{"constructor":"a"}],"prototype":0}');
    expect(errors.map((e) => e.pointer)).toEqual(['/rows/0/__proto__', '/rows/1/constructor', '/prototype']);
  });

  it('keeps a number that underflows as its text, so that it is refused like the string, never read as 0', () => {
    expect(readJson('{"cpm":1e-400}')).toEqual({ value: { cpm: '1e-400' } });
    expect(readJson('[-0.000e-999, 0, 0e5, 2.5e-3]')).toEqual({ value: [-0, 0, 0, 0.0025] });
  });
});
