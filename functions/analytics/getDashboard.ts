import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

/** The latest snapshot the timer stored; calculated on the spot only when none exists yet. */
app.http('getDashboard', {
  methods: ['GET'],
  route: 'analytics/dashboard',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'admin' }, async () => {
    const { getAnalyticsServices } = await import('../../shared/analytics/analyticsServices');
    const services = await getAnalyticsServices();
    const snapshot = (await services.readSnapshot()) ?? (await services.recalculate());
    return { status: 200, jsonBody: snapshot };
  }),
});
