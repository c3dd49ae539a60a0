import fc from 'fast-check';
import { decimalIn, type NumberStyle, render } from './numbers';
import { absolute, EPOCH, FIRST_INSTANT, LAST_INSTANT, MINUTE, OFFSETS, zone } from './time';

// Outages: 1-3 half-open windows as instants, and their JSON.

/** A windows generator: 1-3 non-overlapping, possibly touching, half-open windows, as instants. */
export interface Span {
  start: number;
  end: number;
  deliveryLoss?: string;
}
export const spans: fc.Arbitrary<Span[]> = fc
  .record({
    first: fc.integer({ min: 0, max: 6 * 365 * 24 * 60 }),
    parts: fc.array(
      fc.record({
        gap: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        length: fc.integer({ min: 1, max: 2 * 24 * 60 }),
        seconds: fc.integer({ min: 0, max: 59 }),
        deliveryLoss: fc.option(decimalIn(0, 1, 3), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ first, parts }) => {
    const out: Span[] = [];
    let at = EPOCH + first * MINUTE;
    for (const p of parts) {
      at += p.gap * MINUTE;
      const end = at + p.length * MINUTE + p.seconds * 1000;
      out.push({ start: at, end, ...(p.deliveryLoss === undefined ? {} : { deliveryLoss: p.deliveryLoss }) });
      at = end;
    }
    return out;
  });

export interface OutageModel {
  timeZone?: string;
  spans: Span[];
  offsets: number[];
}
export const outageModel: fc.Arbitrary<OutageModel> = fc.record({
  timeZone: fc.option(zone, { nil: undefined }),
  spans,
  offsets: fc.array(fc.constantFrom(...OFFSETS), { minLength: 6, maxLength: 6 }),
});

/** Outages at the very start of 1970 or the very end of 2200, written with `Z` (an offset could name 1969 or 2201). */
export const edgeOutageModel: fc.Arbitrary<OutageModel> = fc
  .record({ timeZone: fc.option(zone, { nil: undefined }), spans, late: fc.boolean() })
  .map(({ timeZone, spans: s, late }) => {
    const shift = late ? LAST_INSTANT - (s[s.length - 1] as Span).end : FIRST_INSTANT - (s[0] as Span).start;
    return {
      ...(timeZone ? { timeZone } : {}),
      spans: s.map((w) => ({ ...w, start: w.start + shift, end: w.end + shift })),
      offsets: [0, 0, 0, 0, 0, 0],
    };
  });

export function outageJson(o: OutageModel, style: NumberStyle = 'string') {
  return {
    ...(o.timeZone ? { timeZone: o.timeZone } : {}),
    windows: o.spans.map((s, i) => ({
      start: absolute(s.start, o.offsets[(2 * i) % 6] ?? 0),
      end: absolute(s.end, o.offsets[(2 * i + 1) % 6] ?? 0),
      ...(s.deliveryLoss === undefined ? {} : { deliveryLoss: render(s.deliveryLoss, style) }),
    })),
  };
}

/** Splits window `index` at a point strictly inside it: the two halves touch, with the same deliveryLoss. */
export function splitOutage(o: OutageModel, index: number, cut: number): OutageModel {
  const s = o.spans[index] as Span;
  const at = s.start + 1 + Math.floor(cut * (s.end - s.start - 1));
  const halves = [
    { ...s, end: at },
    { ...s, start: at },
  ];
  return { ...o, spans: [...o.spans.slice(0, index), ...halves, ...o.spans.slice(index + 1)], offsets: o.offsets };
}
