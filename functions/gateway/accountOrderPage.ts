import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAccountPages = lazyImport(() => import('../../shared/http/accountPages'));

/**
 * The page order mails link to (`/api/account/orders/{id}`): sign in, then the order's status from
 * `GET /api/orders/{id}`. The page holds no data; the id is read from the URL in the browser.
 */
app.http('accountOrderPage', {
  methods: ['GET'],
  route: 'account/orders/{id}',
  authLevel: 'anonymous',
  handler: httpHandler({ content: 'page' }, async () => {
    const { accountPageHtml } = await loadAccountPages();
    return {
      status: 200,
      body: accountPageHtml('order'),
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    };
  }),
});
