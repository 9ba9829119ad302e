import { z } from 'zod';
import { dashboardSnapshotSchema } from './dashboardSnapshotSchema';
import type { RouteDescriptor } from '../http/routeDescriptor';

const tags = ['analytics'];
const snapshotNote =
  'Read from the analytics projection only (never the orders database), so it trails the orders by the ' +
  'event pipeline. Amounts are integers in minor units.';

/** Route descriptors of the analytics service (OpenAPI). Handlers: functions/analytics/*.ts. */
export const analyticsApi: RouteDescriptor[] = [
  {
    operationId: 'getDashboard',
    method: 'get',
    path: '/api/analytics/dashboard',
    summary: 'The latest dashboard snapshot (recalculated on DASHBOARD_SCHEDULE).',
    description: `${snapshotNote} When no snapshot has been stored yet, one is calculated and stored on the spot.`,
    tags,
    auth: 'admin',
    responses: { 200: { description: 'The snapshot.', schema: dashboardSnapshotSchema } },
  },
  {
    operationId: 'refreshDashboard',
    method: 'post',
    path: '/api/analytics/dashboard/refresh',
    summary: 'Recalculate the dashboard snapshot now (what the timer does) and return it.',
    description: `${snapshotNote} No request body.`,
    tags,
    auth: 'admin',
    responses: { 200: { description: 'The new snapshot, already stored.', schema: dashboardSnapshotSchema } },
  },
  {
    operationId: 'dashboardPage',
    method: 'get',
    path: '/api/dashboard',
    summary: 'Operations dashboard page (KPIs, charts, dead letters with replay).',
    description:
      'Public: the page holds no data. It signs in through /api/auth/login and reads the admin-only ' +
      'analytics and dead-letter APIs with that token.',
    tags,
    auth: 'none',
    responses: { 200: { description: 'The HTML page.', contentType: 'text/html' } },
  },
  {
    operationId: 'dashboardAsset',
    method: 'get',
    path: '/api/dashboard/{asset}',
    summary: 'Script and style sheet of the dashboard page (bundled, no CDN).',
    tags,
    auth: 'none',
    params: z.strictObject({ asset: z.enum(['main.js', 'main.css']) }),
    headers: [{ name: 'If-None-Match', description: 'ETag held; 304 when it is still current.' }],
    responses: {
      200: {
        description: 'The asset: `text/javascript` for main.js, `text/css` for main.css.',
        contentType: ['text/javascript', 'text/css'],
        headers: { ETag: 'Content hash of the asset.' },
      },
      304: { description: 'Not modified.', headers: { ETag: 'Content hash of the asset.' } },
      404: { description: 'No such asset.' },
    },
  },
];
