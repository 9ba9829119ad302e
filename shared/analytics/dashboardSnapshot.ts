import type { OrderStatus } from '../events/orderEvent';

/** The dashboard as served by `GET /api/analytics/dashboard`. Amounts are integers in minor units. */
export interface DashboardSnapshot {
  id: 'current';
  generatedAt: string;
  totals: { orders: number; revenue: number; open: number; cancelled: number };
  /** Revenue (minor units) per currency; `totals.revenue` is their plain sum. */
  revenueByCurrency: Record<string, number>;
  /** Cancelled orders over all orders, 0 when there are none. */
  cancellationRate: number;
  averageOrderValue: number;
  ordersByStatus: Record<OrderStatus, number>;
  /** The last 30 UTC days, oldest first, zero-filled; orders counted on the day they were created. */
  daily: Array<{ date: string; orders: number; revenue: number; cancelled: number }>;
  /** By revenue over the same 30 days (cancelled orders excluded). */
  topProducts: Array<{ sku: string; quantity: number; revenue: number }>;
  openAge: { count: number; averageSeconds: number; p90Seconds: number; oldestSeconds: number };
  /** What the calculation read: it depends on the window and the open orders, never on total history. */
  cost: { aggregateDocs: number; openOrders: number };
}
