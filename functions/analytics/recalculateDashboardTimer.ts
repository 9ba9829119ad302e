import { app } from '@azure/functions';
import { lazyImport } from '../../shared/platform/lazyImport';
import { tracedHandler } from '../../shared/telemetry/tracedHandler';

const loadAnalyticsServices = lazyImport(() => import('../../shared/analytics/analyticsServices'));

/** Recalculates the dashboard snapshot from the projection (never the orders database) on DASHBOARD_SCHEDULE. */
app.timer('recalculateDashboard', {
  schedule: '%DASHBOARD_SCHEDULE%',
  handler: tracedHandler(async (_timer, context) => {
    const { getAnalyticsServices } = await loadAnalyticsServices();
    const snapshot = await (await getAnalyticsServices()).recalculate();
    context.log(
      `dashboard: ${snapshot.totals.orders} orders, read ${snapshot.cost.aggregateDocs} aggregates and ${snapshot.cost.openOrders} open orders`,
    );
  }),
});
