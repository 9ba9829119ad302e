import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAnalyticsServices = lazyImport(() => import('../../shared/analytics/analyticsServices'));

/** Recalculates now (what the timer does), for operators and tests that cannot wait for the schedule. */
app.http('refreshDashboard', {
  methods: ['POST'],
  route: 'analytics/dashboard/refresh',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'admin' }, async () => {
    const { getAnalyticsServices } = await loadAnalyticsServices();
    return { status: 200, jsonBody: await (await getAnalyticsServices()).recalculate() };
  }),
});
