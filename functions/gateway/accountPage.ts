import { app } from '@azure/functions';
import { httpErrors } from '../../shared/http/errors';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadAccountPages = lazyImport(() => import('../../shared/http/accountPages'));

/**
 * The pages the password-reset and verification mails link to (`/api/account/reset-password#token=…`,
 * `/api/account/verify-email#token=…`). Public and static; the token stays in the browser (URL fragment).
 */
app.http('accountPage', {
  methods: ['GET'],
  route: 'account/{page}',
  authLevel: 'anonymous',
  handler: httpHandler({ content: 'page' }, async (req) => {
    const { accountPageHtml } = await loadAccountPages();
    const page = req.params.page;
    if (page !== 'reset-password' && page !== 'verify-email') throw httpErrors.notFound('No such page.');
    return {
      status: 200,
      body: accountPageHtml(page),
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    };
  }),
});
