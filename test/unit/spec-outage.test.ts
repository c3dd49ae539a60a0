import { describe, expect, it } from 'vitest';
import { D } from '../../src/engine/decimal';
import {
  type ParsedWindow,
  rampRunsIntoWindow,
  resolveOutage,
  WINDOW_END_BEFORE_START,
  windowsOverlap,
  windowsSpanTooLong,
} from '../../src/engine/spec/outage';

// The outage rules called directly, as the schema calls them: no zod, no app.

const ONE = new D(1);
const win = (start: string, end: string, extra: Partial<ParsedWindow> = {}): ParsedWindow => ({
  start,
  end,
  deliveryLoss: ONE,
  ...extra,
});

describe('resolveOutage', () => {
  it('reads naive times in the outage zone and sorts the windows, keeping their request indices', () => {
    // 11:39 in New York on 4 October 2021 is EDT (UTC−4): 15:39 UTC.
    const { outage, problems } = resolveOutage({
      timeZone: 'America/New_York',
      windows: [win('2021-10-05T09:00:00Z', '2021-10-05T10:00:00Z'), win('2021-10-04T11:39:00', '2021-10-04T17:05:00')],
    });
    expect(problems).toEqual([]);
    expect(outage.windows.map((w) => [w.index, w.start, w.end])).toEqual([
      [1, Date.UTC(2021, 9, 4, 15, 39), Date.UTC(2021, 9, 4, 21, 5)],
      [0, Date.UTC(2021, 9, 5, 9), Date.UTC(2021, 9, 5, 10)],
    ]);
  });

  it('refuses a window that ends before it starts', () => {
    const { problems } = resolveOutage({
      timeZone: 'UTC',
      windows: [win('2021-10-04T12:00:00', '2021-10-04T11:00:00')],
    });
    expect(problems).toEqual([{ path: ['windows', 0, 'end'], message: WINDOW_END_BEFORE_START }]);
  });

  it('names the later of two overlapping windows, and the one it overlaps', () => {
    const { problems } = resolveOutage({
      timeZone: 'UTC',
      windows: [win('2021-10-04T12:00:00', '2021-10-04T14:00:00'), win('2021-10-04T13:00:00', '2021-10-04T15:00:00')],
    });
    expect(problems).toEqual([{ path: ['windows', 1, 'start'], message: windowsOverlap(0) }]);
    expect(windowsOverlap(0)).toBe('overlaps window 0; merge them or give each its own deliveryLoss without overlap');
  });

  it('refuses a recovery ramp that runs into the next window', () => {
    // 12:00–13:00 with a 90-minute ramp runs to 14:30; the next window starts at 14:00.
    const { outage, problems } = resolveOutage({
      timeZone: 'UTC',
      windows: [
        win('2021-10-04T12:00:00', '2021-10-04T13:00:00', { recoveryMinutes: new D(90) }),
        win('2021-10-04T14:00:00', '2021-10-04T15:00:00'),
      ],
    });
    expect(outage.windows[0]?.recoveryMs).toBe(90 * 60_000);
    expect(problems).toEqual([{ path: ['windows', 0, 'recoveryMinutes'], message: rampRunsIntoWindow(1) }]);
  });

  it('bounds the span from the first start to the last end at 366 days', () => {
    // 2021-01-01 to 2022-01-02 is 366 days: allowed; one second more is not.
    const at = resolveOutage({
      timeZone: 'UTC',
      windows: [
        win('2021-01-01T00:00:00Z', '2021-01-01T01:00:00Z'),
        win('2022-01-01T23:00:00Z', '2022-01-02T00:00:00Z'),
      ],
    });
    expect(at.problems).toEqual([]);
    const over = resolveOutage({
      timeZone: 'UTC',
      windows: [
        win('2021-01-01T00:00:00Z', '2021-01-01T01:00:00Z'),
        win('2022-01-01T23:00:00Z', '2022-01-02T00:00:01Z'),
      ],
    });
    expect(over.problems).toEqual([{ path: ['windows'], message: windowsSpanTooLong(366) }]);
  });

  it('skips a window it could not read but keeps the others at their indices', () => {
    const { problems } = resolveOutage({
      timeZone: 'UTC',
      windows: [undefined, win('2021-10-04T12:00:00', '2021-10-04T11:00:00')],
    });
    expect(problems).toEqual([{ path: ['windows', 1, 'end'], message: WINDOW_END_BEFORE_START }]);
  });
});
