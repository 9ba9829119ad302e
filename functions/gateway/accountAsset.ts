import { app } from '@azure/functions';
import { httpErrors } from '../../shared/http/errors';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadDocsAssets = lazyImport(() => import('../../shared/http/docsAssets'));

// This file is bundled into dist/app/main.mjs; the build writes the page bundle to dist/web/account/.
const accountDir = (): string => decodeURIComponent(new URL('../web/account/', import.meta.url).pathname);

/** The script and style of the account pages (a fixed list: the parameter never reaches the file system). */
app.http('accountAsset', {
  methods: ['GET'],
  route: 'account/assets/{asset}',
  authLevel: 'anonymous',
  handler: httpHandler({ content: 'page' }, async (req) => {
    const { docsAsset } = await loadDocsAssets();
    const asset = await docsAsset(accountDir(), req.params.asset ?? '');
    if (!asset) throw httpErrors.notFound('No such asset.');
    const headers = { 'Content-Type': asset.contentType, ETag: asset.etag, 'Cache-Control': 'no-cache' };
    if (req.headers.get('if-none-match') === asset.etag) return { status: 304, headers };
    return { status: 200, body: asset.body, headers };
  }),
});
