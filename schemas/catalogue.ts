import { z } from '@hono/zod-openapi';
import type Decimal from 'decimal.js';
import type { CatalogueOutage } from '../src/catalogue/outages';
import { OUTAGE_IDS, type RevenueRef, resolveOutageRef, resolveRevenueRef, revenueRefs } from '../src/catalogue/refs';
import type { RevenuePeriod } from '../src/engine/platform';
import { fraction } from './common';
import { oneOfForms } from './one-of';
import type { Outage } from './outage';

/**
 * The catalogue of past outages and platform revenue (DESIGN.md section 11): the answers of its GET
 * endpoints, and the `{ "ref" }` forms that stand for an outage's windows or a revenue figure wherever
 * those are accepted.
 */

const MAX_REF_LENGTH = 64;

export const SourceOut = z
  .object({
    title: z.string().openapi({ example: 'Understanding how Facebook disappeared from the Internet' }),
    publisher: z.string().openapi({
      description: 'Who published it; "X, quoted by Y" when the copy read quotes another publisher.',
      example: 'Cloudflare',
    }),
    url: z.string().openapi({
      description: 'The copy that was read.',
      example: 'https://blog.cloudflare.com/october-2021-facebook-outage/',
    }),
    quote: z.string().openapi({
      description: 'A short excerpt of that copy stating the figure (whitespace collapsed, omissions marked …).',
    }),
  })
  .openapi('Source');

const utc = (description: string, example: string) =>
  z.string().openapi({ description: `${description} (RFC 3339, UTC)`, example });

export const CatalogueWindowOut = z
  .object({
    start: utc('Start of the window used by a `ref` (inclusive)', '2021-10-04T15:39:00Z'),
    end: utc('End of the window used by a `ref` (exclusive)', '2021-10-04T21:05:00Z'),
    startEarliest: utc('Earliest start any source supports', '2021-10-04T15:39:00Z'),
    startLatest: utc('Latest start any source supports', '2021-10-04T15:45:00Z'),
    endEarliest: utc('Earliest end any source supports', '2021-10-04T20:50:00Z'),
    endLatest: utc('Latest end any source supports', '2021-10-04T22:39:00Z'),
  })
  .openapi('CatalogueWindow');

const RevenueLinks = z
  .object({
    containingQuarter: z
      .string()
      .nullable()
      .openapi({
        description:
          'The quarter the outage fell in, as a ref without its kind (append ' +
          '`:total` or `:advertising`); null when not in the catalogue.',
        example: 'meta:2021-Q4',
      }),
    lastReportedBefore: z.string().nullable().openapi({
      description:
        'The last quarter whose results were public before the outage day: what could have been used on the day.',
      example: 'meta:2021-Q2',
    }),
  })
  .openapi('OutageRevenueLinks');

export const CatalogueOutageOut = z
  .object({
    id: z.string().openapi({ example: 'meta-2021-10-04' }),
    title: z.string(),
    platform: z.string().openapi({ example: 'meta' }),
    services: z.array(z.string()),
    cause: z.string(),
    windows: z.array(CatalogueWindowOut),
    sources: z.array(SourceOut),
    notes: z.array(z.string()).openapi({
      description: 'What else happened that day that moves the same numbers, and what to know before using the window.',
    }),
    revenue: RevenueLinks,
  })
  .openapi('CatalogueOutage');
export type CatalogueOutageOut = z.infer<typeof CatalogueOutageOut>;

export const OutageListResponse = z.object({ outages: z.array(CatalogueOutageOut) }).openapi('OutageListResponse');
export type OutageListResponse = z.infer<typeof OutageListResponse>;

export const OutageIdParam = z.object({
  id: z
    .string()
    .max(MAX_REF_LENGTH)
    .openapi({
      param: { name: 'id', in: 'path' },
      description: 'A catalogue id, lower case',
      example: 'meta-2021-10-04',
    }),
});

const RevenueFigureOut = z
  .object({
    status: z.enum(['confirmed', 'unconfirmed']),
    amount: z
      .string()
      .nullable()
      .openapi({ description: 'Whole currency units; null when unconfirmed.', example: '32640000000' }),
    asPublished: z
      .string()
      .optional()
      .openapi({ description: 'The figure as the source writes it: its precision.', example: '$32.64bn' }),
    ref: z.string().optional().openapi({
      description: 'The ref that uses this figure in POST /v1/platform-loss.',
      example: 'meta:2021-Q4:advertising',
    }),
    reason: z.string().optional().openapi({ description: 'Why an unconfirmed figure is not used.' }),
    sources: z.array(SourceOut),
  })
  .openapi('RevenueFigure');

export const RevenuePeriodOut = z
  .object({
    period: z.string().openapi({ description: 'A calendar quarter (`2021-Q4`) or year (`2018`).', example: '2021-Q4' }),
    currency: z.string().openapi({ example: 'USD' }),
    total: RevenueFigureOut,
    advertising: RevenueFigureOut,
    publishedBy: z
      .string()
      .openapi({ description: 'The results were public on or before this date.', example: '2022-02-02' }),
    publishedSource: SourceOut,
  })
  .openapi('RevenuePeriod');

export const RevenueListResponse = z
  .object({ platform: z.string().openapi({ example: 'meta' }), periods: z.array(RevenuePeriodOut) })
  .openapi('RevenueListResponse');

export const PlatformParam = z.object({
  platform: z
    .string()
    .max(MAX_REF_LENGTH)
    .openapi({
      param: { name: 'platform', in: 'path' },
      description: 'A platform with figures in the catalogue',
      example: 'meta',
    }),
});

/** What an answer says about the catalogue outage it used. */
export const OutageEcho = z
  .object({
    ref: z.string().openapi({ example: 'meta-2021-10-04' }),
    title: z.string(),
    windows: z
      .array(z.object({ start: z.string(), end: z.string() }))
      .openapi({ description: 'The windows used, in UTC.' }),
    sources: z.array(SourceOut),
    notes: z.array(z.string()),
  })
  .openapi('OutageRefEcho', {
    description: 'The catalogue outage that `outage.ref` named: its windows, sources and notes.',
  });

export function outageEcho(outage: CatalogueOutage): z.infer<typeof OutageEcho> {
  return {
    ref: outage.id,
    title: outage.title,
    windows: outage.windows.map((w) => ({ start: w.start, end: w.end })),
    sources: outage.sources,
    notes: outage.notes,
  };
}

/** An outage as parsed: windows, and the catalogue entry when a ref named it. */
export type OutageWithRef = Outage & { ref?: CatalogueOutage };

export const OutageRefInput = z
  .strictObject({
    ref: z
      .string({ error: 'must be a catalogue outage id such as "meta-2021-10-04"' })
      .max(MAX_REF_LENGTH)
      .openapi({
        description: `A catalogue outage id (GET /v1/outages): ${OUTAGE_IDS.join(', ')}.`,
        example: 'meta-2021-10-04',
      }),
    deliveryLoss: fraction(
      'Share of planned delivery lost in every window of the catalogue outage (default 1)',
      '1',
    ).prefault('1'),
  })
  .openapi({ description: 'A past outage from the catalogue: its sourced windows, in UTC, stand for `windows`.' });

const hasKey = (value: unknown, key: string): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, key);

/** Copies the issues of a nested parse into the current one, paths unchanged. */
function forward(issues: readonly z.core.$ZodIssue[], ctx: z.core.$RefinementCtx): void {
  for (const issue of issues) ctx.addIssue({ ...issue } as z.core.$ZodRawIssue);
}

function resolveRefForm(value: Record<string, unknown>, ctx: z.core.$RefinementCtx): OutageWithRef {
  const { windows, timeZone, ...rest } = value;
  const both = 'give either `ref` (a catalogue outage) or `windows`, not both';
  if (windows !== undefined) ctx.addIssue({ code: 'custom', path: ['windows'], message: both });
  if (timeZone !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['timeZone'],
      message: 'does not apply to a catalogue outage, whose windows are in UTC',
    });
  const parsed = OutageRefInput.safeParse(rest);
  if (!parsed.success) {
    forward(parsed.error.issues, ctx);
    return z.NEVER;
  }
  // The ref is checked even when `windows` is also there, so that every problem is listed at once.
  const resolved = resolveOutageRef(parsed.data.ref);
  if (!resolved.ok) ctx.addIssue({ code: 'custom', path: ['ref'], message: resolved.error });
  if (!resolved.ok || windows !== undefined || timeZone !== undefined) return z.NEVER;
  const { deliveryLoss } = parsed.data;
  const outageWindows = resolved.value.windows.map((w, index) => ({
    index,
    start: Date.parse(w.start),
    end: Date.parse(w.end),
    deliveryLoss,
  }));
  return { timeZone: 'UTC', windows: outageWindows, ref: resolved.value };
}

/** An outage given by its windows, or by `{ "ref" }` naming a catalogue outage. */
export function outageOrRef(windows: z.ZodType<Outage, unknown>, windowsName: string) {
  const either = z.unknown().transform((value, ctx): OutageWithRef => {
    if (hasKey(value, 'ref')) return resolveRefForm(value, ctx);
    const parsed = windows.safeParse(value);
    if (parsed.success) return parsed.data;
    forward(parsed.error.issues, ctx);
    return z.NEVER;
  });
  return oneOfForms(either, { [windowsName]: windows, OutageRefInput });
}

/** Revenue as parsed: amount and period, and the catalogue figure when a ref named it. */
export interface RevenueWithRef {
  amount: Decimal;
  currency: string;
  period: RevenuePeriod;
  ref?: RevenueRef;
}

export const RevenueRefInput = z
  .strictObject({
    ref: z
      .string({ error: 'must be a catalogue revenue ref such as "meta:2021-Q4:advertising"' })
      .max(MAX_REF_LENGTH)
      .openapi({
        description: 'A catalogue revenue figure, `platform:period:kind` (GET /v1/platforms/meta/revenue).',
        example: 'meta:2021-Q4:advertising',
      }),
  })
  .openapi({
    description:
      'A reported revenue figure from the catalogue; its amount, currency and period stand for the explicit ones.',
  });

function periodOfRef(period: string): RevenuePeriod {
  const [year, quarter] = period.split('-Q').map(Number);
  return quarter === undefined
    ? { kind: 'year', year: year as number }
    : { kind: 'quarter', year: year as number, quarter };
}

function resolveRevenueForm(
  value: Record<string, unknown>,
  ctx: z.core.$RefinementCtx,
  decimal: (text: string) => Decimal,
): RevenueWithRef {
  const { amount, currency, period, ...rest } = value;
  const given = Object.entries({ amount, currency, period }).filter(([, v]) => v !== undefined);
  for (const [key] of given)
    ctx.addIssue({
      code: 'custom',
      path: [key],
      message: 'give either `ref` (a catalogue figure) or `amount`, `currency` and `period`, not both',
    });
  const parsed = RevenueRefInput.safeParse(rest);
  if (!parsed.success) {
    forward(parsed.error.issues, ctx);
    return z.NEVER;
  }
  const resolved = resolveRevenueRef(parsed.data.ref);
  if (!resolved.ok) ctx.addIssue({ code: 'custom', path: ['ref'], message: resolved.error });
  if (!resolved.ok || given.length > 0) return z.NEVER;
  const ref = resolved.value;
  return { amount: decimal(ref.amount), currency: ref.entry.currency, period: periodOfRef(ref.entry.period), ref };
}

/** Revenue given as amount, currency and period, or by `{ "ref" }` naming a catalogue figure. */
export function revenueOrRef<T extends Omit<RevenueWithRef, 'ref'>>(
  explicit: z.ZodType<T, unknown>,
  explicitName: string,
  decimal: (text: string) => Decimal,
) {
  const either = z.unknown().transform((value, ctx): RevenueWithRef => {
    if (hasKey(value, 'ref')) return resolveRevenueForm(value, ctx, decimal);
    const parsed = explicit.safeParse(value);
    if (parsed.success) return parsed.data;
    forward(parsed.error.issues, ctx);
    return z.NEVER;
  });
  return oneOfForms(either, { [explicitName]: explicit, RevenueRefInput });
}

/** What an answer says about the catalogue revenue figure it used. */
export const RevenueEcho = z
  .object({
    ref: z.string().openapi({ example: 'meta:2021-Q4:advertising' }),
    period: z.string().openapi({ example: '2021-Q4' }),
    kind: z.enum(['total', 'advertising']),
    amount: z.string().openapi({ example: '32640000000' }),
    asPublished: z.string().openapi({ example: '$32.64bn' }),
    publishedBy: z.string().openapi({ example: '2022-02-02' }),
    sources: z.array(SourceOut),
  })
  .openapi('RevenueRefEcho', { description: 'The catalogue figure that `revenue.ref` named, with its source.' });

export function revenueEcho(r: RevenueRef): z.infer<typeof RevenueEcho> {
  const figure = r.entry[r.kind];
  return {
    ref: r.ref,
    period: r.entry.period,
    kind: r.kind,
    amount: r.amount,
    asPublished: r.asPublished,
    publishedBy: r.entry.publishedBy,
    sources: figure.status === 'confirmed' ? [figure.source] : figure.sources,
  };
}

export { revenueRefs };

/** `outage=<id>` in a query string: a catalogue outage for the rows or campaign that give no outage cells. */
export const OutageRefQuery = z
  .string()
  .max(MAX_REF_LENGTH)
  .optional()
  .superRefine((id, ctx) => {
    if (id === undefined || id.trim() === '') return;
    const resolved = resolveOutageRef(id);
    if (!resolved.ok) ctx.addIssue({ code: 'custom', message: resolved.error });
  })
  .openapi({
    param: {
      name: 'outage',
      in: 'query',
      description:
        `A catalogue outage (GET /v1/outages) whose UTC windows stand for ` +
        `\`outageStart\`/\`outageEnd\` where those are empty: ${OUTAGE_IDS.join(', ')}. Not ` +
        `together with \`outageStart\`, \`outageEnd\` or \`outageTimeZone\` in the query.`,
    },
  });

const OUTAGE_CELLS = ['outageStart', 'outageEnd', 'outageTimeZone'] as const;
const given = (text: string | undefined) => text !== undefined && text.trim() !== '';

/** Why a query's `outage` cannot be used with its other outage parameters, if it cannot. */
export function outageQueryConflict(query: { readonly [name: string]: unknown }): string | undefined {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  if (!given(text('outage'))) return undefined;
  const also = OUTAGE_CELLS.filter((c) => given(text(c)));
  return also.length
    ? `give either \`outage\` (a catalogue outage) or ${also.map((c) => `\`${c}\``).join(', ')}, not both`
    : undefined;
}

/**
 * The outage JSON of a flat row whose outage cells are empty, when the query names a catalogue outage:
 * the row's own `deliveryLoss` cell still applies, to every window of it.
 */
export function flatOutageFromRef(
  row: Partial<Record<string, string>>,
  outage: Record<string, unknown>,
  ref: string | undefined,
): Record<string, unknown> {
  if (!given(ref) || OUTAGE_CELLS.some((c) => given(row[c]))) return outage;
  const [first] = (outage.windows ?? []) as { deliveryLoss?: unknown }[];
  return { ref, ...(first?.deliveryLoss === undefined ? {} : { deliveryLoss: first.deliveryLoss }) };
}
