import type { z } from '@hono/zod-openapi';
import type { CatalogueOutageOut, RevenuePeriodOut } from '../../schemas/catalogue';
import type { CatalogueOutage } from '../catalogue/outages';
import { revenueLinks } from '../catalogue/refs';
import type { RevenueFigure, RevenuePeriodEntry } from '../catalogue/revenue';

/** The catalogue's data as stored, with the links derived from it (DESIGN.md section 11). */

export function presentOutage(outage: CatalogueOutage): CatalogueOutageOut {
  return { ...outage, windows: outage.windows.map((w) => ({ ...w })), revenue: revenueLinks(outage) };
}

function presentFigure(platform: string, period: string, kind: string, figure: RevenueFigure) {
  return figure.status === 'confirmed'
    ? {
        status: figure.status,
        amount: figure.amount,
        asPublished: figure.asPublished,
        ref: `${platform}:${period}:${kind}`,
        sources: [figure.source],
      }
    : { status: figure.status, amount: null, reason: figure.reason, sources: figure.sources };
}

export function presentPeriod(platform: string, e: RevenuePeriodEntry): z.infer<typeof RevenuePeriodOut> {
  return {
    period: e.period,
    currency: e.currency,
    total: presentFigure(platform, e.period, 'total', e.total),
    advertising: presentFigure(platform, e.period, 'advertising', e.advertising),
    publishedBy: e.publishedBy,
    publishedSource: e.publishedSource,
  };
}
