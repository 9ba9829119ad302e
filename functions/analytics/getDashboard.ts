import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAnalyticsServices = lazyImport(() => import('../../shared/analytics/analyticsServices'));

/** The latest snapshot the timer stored; calculated on the spot only when none exists yet. */
app.http('getDashboard', {
  methods: ['GET'],
  route: 'analytics/dashboard',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'admin' }, async () => {
    const { getAnalyticsServices } = await loadAnalyticsServices();
    const services = await getAnalyticsServices();
    const snapshot = (await services.readSnapshot()) ?? (await services.recalculate());
    return { status: 200, jsonBody: snapshot };
  }),
});
