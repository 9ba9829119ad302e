import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

/** Recalculates now (what the timer does), for operators and tests that cannot wait for the schedule. */
app.http('refreshDashboard', {
  methods: ['POST'],
  route: 'analytics/dashboard/refresh',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'admin' }, async () => {
    const { getAnalyticsServices } = await import('../../shared/analytics/analyticsServices');
    return { status: 200, jsonBody: await (await getAnalyticsServices()).recalculate() };
  }),
});
