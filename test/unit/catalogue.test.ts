import { describe, expect, it } from 'vitest';
import { OUTAGES } from '../../src/catalogue/outages';
import { OUTAGE_IDS, resolveOutageRef, resolveRevenueRef, revenueLinks, revenueRefs } from '../../src/catalogue/refs';
import { META_REVENUE, type RevenueFigure } from '../../src/catalogue/revenue';
import type { Source } from '../../src/catalogue/sources';
import { groupDigits } from '../../src/present/platform-method';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const ms = (iso: string) => Date.parse(iso);

function expectSource(s: Source) {
  expect(s.title.trim()).not.toBe('');
  expect(s.publisher.trim()).not.toBe('');
  expect(s.url).toMatch(/^https?:\/\/[^\s]+$/);
  expect(s.quote.trim().length).toBeGreaterThan(20);
}

describe('the outage catalogue', () => {
  it('has the three Meta outages and the other sourced ones, each id once, lower case', () => {
    expect([...OUTAGE_IDS].sort()).toEqual([
      'google-2020-12-14',
      'instagram-2021-10-08',
      'meta-2019-03-13',
      'meta-2021-10-04',
      'meta-2024-03-05',
    ]);
    for (const id of OUTAGE_IDS) expect(id).toBe(id.toLowerCase());
  });

  it.each(OUTAGES.map((o) => [o.id, o] as const))('%s has sources with a URL and a quote', (_, outage) => {
    expect(outage.sources.length).toBeGreaterThanOrEqual(1);
    outage.sources.forEach(expectSource);
    expect(outage.services.length).toBeGreaterThan(0);
  });

  it.each(OUTAGES.map((o) => [o.id, o] as const))(
    '%s has ordered, non-overlapping UTC windows inside their uncertainty',
    (_, outage) => {
      expect(outage.windows.length).toBeGreaterThan(0);
      for (const w of outage.windows) {
        for (const t of [w.start, w.end, w.startEarliest, w.startLatest, w.endEarliest, w.endLatest])
          expect(t).toMatch(ISO_UTC);
        expect(ms(w.start)).toBeLessThan(ms(w.end));
        expect(ms(w.startEarliest)).toBeLessThanOrEqual(ms(w.start));
        expect(ms(w.start)).toBeLessThanOrEqual(ms(w.startLatest));
        expect(ms(w.endEarliest)).toBeLessThanOrEqual(ms(w.end));
        expect(ms(w.end)).toBeLessThanOrEqual(ms(w.endLatest));
      }
      for (let i = 1; i < outage.windows.length; i++) {
        expect(ms((outage.windows[i - 1] as { end: string }).end)).toBeLessThanOrEqual(
          ms((outage.windows[i] as { start: string }).start),
        );
      }
      // The id names the UTC date the outage began.
      expect(outage.id.endsWith(outage.windows[0]?.start.slice(0, 10) ?? '?')).toBe(true);
    },
  );

  it('resolves ids exactly, and refuses another case or an unknown id with the known ids', () => {
    expect(resolveOutageRef('meta-2021-10-04')).toMatchObject({ ok: true, value: { id: 'meta-2021-10-04' } });
    const upper = resolveOutageRef('META-2021-10-04');
    expect(upper.ok).toBe(false);
    if (!upper.ok) expect(upper.error).toContain('must be written "meta-2021-10-04"');
    const unknown = resolveOutageRef('meta-2021-10-05');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) for (const id of OUTAGE_IDS) expect(unknown.error).toContain(id);
  });

  it('links each outage to the quarter it fell in and the last one reported before it', () => {
    const links = (id: string) => revenueLinks(OUTAGES.find((o) => o.id === id) as (typeof OUTAGES)[number]);
    // Q3 2021 came out on 25 October, after both October 2021 outages: on the day, Q2 was the latest.
    expect(links('meta-2021-10-04')).toEqual({ containingQuarter: 'meta:2021-Q4', lastReportedBefore: 'meta:2021-Q2' });
    expect(links('instagram-2021-10-08')).toEqual({
      containingQuarter: 'meta:2021-Q4',
      lastReportedBefore: 'meta:2021-Q2',
    });
    // Q4 2018 was published 30 January 2019; Q1 2019 on 24 April 2019.
    expect(links('meta-2019-03-13')).toEqual({ containingQuarter: 'meta:2019-Q1', lastReportedBefore: 'meta:2018-Q4' });
    expect(links('meta-2024-03-05')).toEqual({ containingQuarter: 'meta:2024-Q1', lastReportedBefore: 'meta:2023-Q4' });
    expect(links('google-2020-12-14')).toEqual({ containingQuarter: null, lastReportedBefore: null });
  });
});

/** The number a figure is published as, in dollars: "$32.64bn" is 32.64 × 10⁹, "33,671 (millions)" 33,671 × 10⁶. */
function publishedDollars(asPublished: string): number {
  const number = Number((/[\d.,]+/.exec(asPublished)?.[0] ?? 'NaN').replaceAll(',', ''));
  const scale = /billion|bn/.test(asPublished) ? 1e9 : /million|Mn/.test(asPublished) ? 1e6 : Number.NaN;
  return Math.round(number * scale);
}

describe('the Meta revenue catalogue', () => {
  const figures = META_REVENUE.flatMap((e) => [
    [`${e.period} total`, e.total] as const,
    [`${e.period} advertising`, e.advertising] as const,
  ]);

  it.each(figures)(
    '%s is sourced, and a confirmed amount is the figure its quote states',
    (_, figure: RevenueFigure) => {
      if (figure.status === 'unconfirmed') {
        expect(figure.amount).toBeNull();
        expect(figure.reason.length).toBeGreaterThan(20);
        figure.sources.forEach(expectSource);
        return;
      }
      expectSource(figure.source);
      expect(figure.amount).toMatch(/^[1-9]\d*$/);
      expect(Number(figure.amount)).toBe(publishedDollars(figure.asPublished));
      // The digits as published appear in the quote ("$ 32.64bn" and "$32.64bn" both hold 32.64).
      expect(figure.source.quote).toContain(/[\d.,]+/.exec(figure.asPublished)?.[0]);
    },
  );

  it('has advertising revenue at most total revenue, one entry per period, and a publication date', () => {
    expect(new Set(META_REVENUE.map((e) => e.period)).size).toBe(META_REVENUE.length);
    for (const e of META_REVENUE) {
      if (e.total.status === 'confirmed' && e.advertising.status === 'confirmed') {
        expect(BigInt(e.advertising.amount) <= BigInt(e.total.amount)).toBe(true);
      }
      expect(e.publishedBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expectSource(e.publishedSource);
    }
  });

  it('offers refs only for confirmed figures, and refuses the rest with the valid refs', () => {
    expect(revenueRefs()).toContain('meta:2021-Q4:advertising');
    expect(revenueRefs()).toContain('meta:2018:total');
    expect(revenueRefs()).not.toContain('meta:2024-Q1:advertising');
    expect(resolveRevenueRef('meta:2021-Q4:advertising')).toMatchObject({
      ok: true,
      value: { amount: '32640000000', kind: 'advertising' },
    });
    const unconfirmed = resolveRevenueRef('meta:2024-Q1:advertising');
    expect(unconfirmed.ok === false && unconfirmed.error).toContain('unconfirmed');
    const wrongCase = resolveRevenueRef('META:2021-q4:Advertising');
    expect(wrongCase.ok === false && wrongCase.error).toContain('must be written "meta:2021-Q4:advertising"');
    const missing = resolveRevenueRef('meta:2022-Q1:advertising');
    expect(missing.ok === false && missing.error).toContain('meta:2021-Q3:total');
  });
});

describe('groupDigits', () => {
  it('groups the whole part in threes and keeps the fraction and sign', () => {
    expect(groupDigits('32640000000.00')).toBe('32,640,000,000.00');
    expect(groupDigits('-1234.5')).toBe('-1,234.5');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('1000')).toBe('1,000');
  });
});
