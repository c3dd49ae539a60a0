import { readFileSync } from 'node:fs';
import * as real from '@date-fns/utc';
import { describe, expect, it } from 'vitest';
import * as standIn from '../../src/bundle/date-fns-utc';

// wrangler.toml's [alias] swaps @date-fns/utc for src/bundle/date-fns-utc.ts in the deployed bundle only (the
// workerd tests run without wrangler's aliases), so these checks hold the stand-in to the package it replaces.

const INSTANTS = [
  Date.UTC(2021, 9, 4, 15, 39, 7), // 2021-10-04T15:39:07Z, a Monday
  Date.UTC(2024, 1, 29, 23, 59, 59), // a leap day, one second before midnight UTC
  Date.UTC(1969, 11, 31, 0, 0, 0), // before the epoch
];

describe('the @date-fns/utc stand-in (wrangler.toml [alias], src/bundle/date-fns-utc.ts)', () => {
  it('is what the alias points at', () => {
    expect(readFileSync('wrangler.toml', 'utf8')).toMatch(/^"@date-fns\/utc" = "\.\/src\/bundle\/date-fns-utc\.ts"$/m);
  });

  it('exports every name the package exports', () => {
    expect(Object.keys(standIn).sort()).toEqual(Object.keys(real).sort());
    expect(standIn.UTCDateMini).toBe(real.UTCDateMini);
  });

  it("writes the package's strings: 2021-10-04T15:39:07Z is 'Mon Oct 4 2021 15:39:07 GMT+0000 …'", () => {
    const [first] = INSTANTS;
    expect(new standIn.UTCDate(first as number).toString()).toBe(
      'Mon Oct 4 2021 15:39:07 GMT+0000 (Coordinated Universal Time)',
    );
    for (const ms of INSTANTS) {
      const mine = new standIn.UTCDate(ms);
      const theirs = new real.UTCDate(ms);
      expect(mine.toString()).toBe(theirs.toString());
      expect(mine.toDateString()).toBe(theirs.toDateString());
      expect(mine.toTimeString()).toBe(theirs.toTimeString());
      expect(mine.toLocaleString('en-GB')).toBe(theirs.toLocaleString('en-GB'));
      expect(mine.toLocaleDateString('en-US', { weekday: 'long' })).toBe(
        theirs.toLocaleDateString('en-US', { weekday: 'long' }),
      );
      expect(mine.toLocaleTimeString('de-DE')).toBe(theirs.toLocaleTimeString('de-DE'));
    }
  });

  it('reads and sets the UTC fields, as the package does: 2024-02-29T23:59:59Z plus one second is 1 March', () => {
    const date = new standIn.UTCDate(INSTANTS[1] as number);
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours()]).toEqual([2024, 1, 29, 23]);
    date.setSeconds(date.getSeconds() + 1);
    expect(date.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(date.getTimezoneOffset()).toBe(0);
    expect(new standIn.UTCDate(2021, 9, 4).getTime()).toBe(new real.UTCDate(2021, 9, 4).getTime());
    expect(standIn.utc('2021-10-04T15:39:07Z').getTime()).toBe(real.utc('2021-10-04T15:39:07Z').getTime());
  });
});
