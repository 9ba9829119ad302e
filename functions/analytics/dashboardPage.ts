import { app } from '@azure/functions';
import { httpErrors } from '../../shared/http/errors';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadDashboardPage = lazyImport(() => import('../../shared/analytics/dashboardPage'));
const loadDocsAssets = lazyImport(() => import('../../shared/http/docsAssets'));

// This file is bundled into dist/app/main.mjs; the build writes the page bundle to dist/web/dashboard/.
const dashboardDir = (): string => decodeURIComponent(new URL('../web/dashboard/', import.meta.url).pathname);

/** The page is public (it holds no data); the data comes from admin-only APIs with the token it signs in for. */
app.http('dashboardPage', {
  methods: ['GET'],
  route: 'dashboard',
  authLevel: 'anonymous',
  handler: httpHandler({ content: 'page' }, async () => {
    const { DASHBOARD_HTML } = await loadDashboardPage();
    return { status: 200, body: DASHBOARD_HTML, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
  }),
});

app.http('dashboardAsset', {
  methods: ['GET'],
  route: 'dashboard/{asset}',
  authLevel: 'anonymous',
  handler: httpHandler({ content: 'page' }, async (req) => {
    const { docsAsset } = await loadDocsAssets();
    const asset = await docsAsset(dashboardDir(), req.params.asset ?? '');
    if (!asset) throw httpErrors.notFound('No such asset.');
    const headers = { 'Content-Type': asset.contentType, ETag: asset.etag, 'Cache-Control': 'no-cache' };
    if (req.headers.get('if-none-match') === asset.etag) return { status: 304, headers };
    return { status: 200, body: asset.body, headers };
  }),
});
