import { z } from 'zod';
import { DASHBOARD_DAYS, TOP_PRODUCTS } from './computeDashboard';

/**
 * The body of `GET /api/analytics/dashboard` and `POST .../refresh`, for the OpenAPI document: exactly what
 * computeDashboard returns (the `DashboardSnapshot` interface), strict so a unit test fails if the two drift.
 */
const count = z.int().min(0);
const amount = z.int().min(0).meta({ description: 'Integer minor units' });
const seconds = z.int().min(0).meta({ description: 'Whole seconds' });

export const dashboardSnapshotSchema = z
  .strictObject({
    id: z.literal('current').meta({ description: 'The one stored snapshot document' }),
    generatedAt: z.iso.datetime().meta({ description: 'When the snapshot was calculated (UTC)' }),
    totals: z.strictObject({ orders: count, revenue: amount, open: count, cancelled: count }).meta({
      description:
        'All time. revenue: orders not cancelled, summed across currencies; open: pending + confirmed + shipped',
    }),
    revenueByCurrency: z
      .record(z.string(), amount)
      .meta({ description: 'Revenue per ISO 4217 currency; totals.revenue is their plain sum' }),
    cancellationRate: z
      .number()
      .min(0)
      .max(1)
      .meta({ description: 'Cancelled orders over all orders; 0 when there are none' }),
    averageOrderValue: amount.meta({
      description: 'revenue / orders not cancelled, rounded; integer minor units',
    }),
    ordersByStatus: z.strictObject({
      pending: count,
      confirmed: count,
      shipped: count,
      delivered: count,
      cancelled: count,
    }),
    daily: z
      .array(
        z.strictObject({
          date: z.iso.date(),
          orders: count,
          revenue: amount,
          cancelled: count,
        }),
      )
      .length(DASHBOARD_DAYS)
      .meta({
        description: `The last ${DASHBOARD_DAYS} UTC days, oldest first, zero-filled; orders count on the day they were created`,
      }),
    topProducts: z
      .array(z.strictObject({ sku: z.string(), quantity: count, revenue: amount }))
      .max(TOP_PRODUCTS)
      .meta({
        description: `Up to ${TOP_PRODUCTS} products by revenue over the same days (cancelled orders excluded)`,
      }),
    openAge: z
      .strictObject({
        count,
        averageSeconds: seconds,
        p90Seconds: seconds.meta({ description: 'Nearest-rank 90th percentile, whole seconds' }),
        oldestSeconds: seconds,
      })
      .meta({ description: 'Ages of the open orders; all 0 when none is open' }),
    cost: z.strictObject({ aggregateDocs: count, openOrders: count }).meta({
      description:
        'What the calculation read; bounded by the window and the open orders, never by total history',
    }),
  })
  .meta({ id: 'DashboardSnapshot' });
