import { app } from '@azure/functions';
import { httpErrors } from '../../shared/http/errors';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadDocsAssets = lazyImport(() => import('../../shared/http/docsAssets'));

// This file is bundled into dist/app/main.mjs; the build writes the page bundle to dist/web/docs/.
// Resolved here (not in shared/) because only the entry module's URL is known to sit in dist/app.
const docsDir = (): string => decodeURIComponent(new URL('../web/docs/', import.meta.url).pathname);

app.http('docs', {
  methods: ['GET'],
  route: 'docs',
  authLevel: 'anonymous',
  handler: httpHandler({ content: 'page' }, async () => {
    const { DOCS_HTML } = await loadDocsAssets();
    return { status: 200, body: DOCS_HTML, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
  }),
});

app.http('docsAsset', {
  methods: ['GET'],
  route: 'docs/{asset}',
  authLevel: 'anonymous',
  handler: httpHandler({ content: 'page' }, async (req) => {
    const { docsAsset } = await loadDocsAssets();
    const asset = await docsAsset(docsDir(), req.params.asset ?? '');
    if (!asset) throw httpErrors.notFound('No such asset.');
    const headers = {
      'Content-Type': asset.contentType,
      ETag: asset.etag,
      'Cache-Control': 'public, max-age=300',
    };
    if (req.headers.get('if-none-match') === asset.etag) return { status: 304, headers };
    return { status: 200, body: asset.body, headers };
  }),
});
