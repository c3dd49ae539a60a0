import { z } from '@hono/zod-openapi';
import { D } from '../src/engine/decimal';
import { OUTAGE_REALISM_LIMITS } from '../src/engine/ramp';
import {
  OUTAGE_LIMITS,
  type Outage,
  type OutageWindow,
  type ParsedWindow,
  resolveOutage,
} from '../src/engine/spec/outage';
import { MINUTE_MS } from '../src/engine/time';
import { decimalInput, fraction, isTimeZone, TimeZone } from './common';
import { outageOrRef } from './catalogue';
import { addProblems } from './spec-problems';

/** Limits of an outage (DESIGN.md section 2, "Time"): the engine's. */
export { OUTAGE_LIMITS };
export type { Outage, OutageWindow };

const timestamp = (description: string, example: string) =>
  z
    .string()
    .max(64, 'must be an RFC 3339 time stamp, at most 64 characters')
    .openapi({
      description:
        `${description}. RFC 3339: with \`Z\` or an offset it is absolute; without, a wall-clock ` +
        `time in the outage's \`timeZone\` (a time skipped or repeated by a DST change is refused).`,
      example,
    });

function hasWindowList(value: unknown): value is { timeZone?: unknown; windows: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { windows?: unknown }).windows);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * A window's fields that parsed, for the engine's rules when another field of the outage failed: zod stops
 * before the transform then, and the rules still run so that every problem is listed at once. A window
 * without both time stamps is skipped; a field that failed keeps its raw value and is left out.
 */
function parsedWindow(w: unknown): ParsedWindow | undefined {
  if (!isRecord(w) || typeof w.start !== 'string' || typeof w.end !== 'string') return undefined;
  return {
    start: w.start,
    end: w.end,
    // Not read by the rules: only this pass's problems are kept, never its windows.
    deliveryLoss: D.isDecimal(w.deliveryLoss) ? w.deliveryLoss : new D(1),
    ...(D.isDecimal(w.recoveryMinutes) ? { recoveryMinutes: w.recoveryMinutes } : {}),
    ...(D.isDecimal(w.measurementLoss) ? { measurementLoss: w.measurementLoss } : {}),
    ...(Array.isArray(w.platforms) ? { platforms: w.platforms } : {}),
  };
}

/** Outage realism (DESIGN.md section 13): each field is opt-in and changes nothing when absent. */
const WINDOW_REALISM_FIELDS = {
  recoveryMinutes: decimalInput(
    { min: '0', max: String(OUTAGE_REALISM_LIMITS.recoveryMinutes) },
    {
      description:
        "Length of the recovery ramp after the window's end (default 0: delivery snaps back). " +
        'Over [end, end + recoveryMinutes) the loss falls linearly from deliveryLoss to 0, as ' +
        "audiences logged out en masse come back; the ramp's lost spend counts in lostSpend, " +
        'integrated exactly over each hour bucket. Pacing headroom counts only the delivery ' +
        'the ramp did not lose. Whole milliseconds; a ramp may not run into the next window',
      example: '90',
    },
  )
    .refine(
      (v) => v.times(MINUTE_MS).isInteger(),
      'must be a whole number of milliseconds (at most 5 decimal places of a minute)',
    )
    .optional(),
  measurementLoss: fraction(
    "Share of conversion events the platform's pixel and SDK failed to record in the " +
      'window (default 0). Reported as unrecordedConversions and unrecordedRevenue: a ' +
      'reporting gap, not a loss, so it never changes lostSpend or netContributionChange',
    '0.3',
  ).optional(),
  platforms: z
    .array(z.string().min(1).max(OUTAGE_REALISM_LIMITS.platformLength))
    .min(1, 'name at least one platform, or leave platforms out to affect every campaign')
    .max(OUTAGE_REALISM_LIMITS.platforms)
    .optional()
    .openapi({
      description:
        "The ad platforms this window took down (matched against campaigns' " +
        '`platform`). Default: every campaign is affected. A campaign without a ' +
        '`platform` cannot be matched and is a 422 when a window names platforms.',
      example: ['meta'],
    }),
};

export const OutageWindowInput = z
  .strictObject({
    start: timestamp('Start of the window (inclusive)', '2021-10-04T11:39:00'),
    end: timestamp('End of the window (exclusive)', '2021-10-04T17:05:00'),
    deliveryLoss: fraction(
      'Share of planned delivery lost inside the window: 1 is a hard outage, 0.4 a partial one (default 1)',
      '1',
    ).prefault('1'),
    ...WINDOW_REALISM_FIELDS,
  })
  .openapi('OutageWindowInput', { description: 'A half-open outage window [start, end).' });

const OutageWindowsInput = z
  .strictObject({
    timeZone: TimeZone.default('UTC').openapi({
      description: 'IANA zone in which naive window timestamps are read (default UTC).',
      example: 'America/New_York',
    }),
    windows: z
      .array(OutageWindowInput)
      .min(1, 'give at least one window')
      .max(OUTAGE_LIMITS.windows, `give at most ${OUTAGE_LIMITS.windows} windows`),
  })
  // A field that fails (a bad deliveryLoss, say) stops zod before the transform; the windows are still
  // checked then, so that every problem is listed at once.
  .superRefine(
    (input, ctx) => {
      const zone = input.timeZone;
      if (typeof zone !== 'string' || !isTimeZone(zone)) return;
      addProblems(resolveOutage({ timeZone: zone, windows: input.windows.map(parsedWindow) }).problems, ctx);
    },
    { when: (payload) => payload.issues.length > 0 && hasWindowList(payload.value) },
  )
  .transform((input, ctx): Outage => {
    const { outage, problems } = resolveOutage(input);
    addProblems(problems, ctx);
    return outage;
  })
  .openapi('OutageWindowsInput', {
    description:
      `The outage: 1 to ${OUTAGE_LIMITS.windows} half-open windows, not overlapping, ` +
      `spanning at most ${OUTAGE_LIMITS.spanDays} days from the first start to the last end.`,
  });

/** The outage of a request: its windows, or `{ "ref" }` naming a catalogue outage (DESIGN.md section 11). */
export const OutageInput = outageOrRef(OutageWindowsInput, 'OutageWindowsInput').openapi('OutageInput', {
  description:
    'The outage: its `windows` (with an optional `timeZone`), or `{ "ref": "meta-2021-10-04" }` naming a ' +
    'past outage of the catalogue (GET /v1/outages), whose sourced UTC windows then stand for the windows.',
});
