import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpRefusal, SECURITY_HEADERS } from './guardHandler';
import { mailCatcherPage, mailCatcherScript } from './mailCatcherPage';
import type { MailStore } from './mailStore';

// No inline script runs (the page's script is page.js); inline style stays allowed because a caught mail's
// HTML, shown in a sandboxed srcdoc frame that inherits this policy, is mostly inline style. Nothing may frame it.
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; " +
  "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

const notAllowed = (allow: string) => new HttpRefusal(405, 'method not allowed', { allow });

/** The catcher's web routes: its page and the JSON API. Throws HttpRefusal (or anything) for guardHandler. */
export function mailCatcherRoutes(store: MailStore) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = req.method ?? 'GET';
    if (path === '/') {
      if (method !== 'GET' && method !== 'HEAD') throw notAllowed('GET, HEAD');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-security-policy': PAGE_CSP,
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(method === 'HEAD' ? undefined : mailCatcherPage);
    } else if (path === '/page.js') {
      if (method !== 'GET' && method !== 'HEAD') throw notAllowed('GET, HEAD');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(method === 'HEAD' ? undefined : mailCatcherScript);
    } else if (path === '/api/messages') {
      if (method === 'GET') json(res, 200, { items: store.list(), kept: store.max, evicted: store.evicted });
      else if (method === 'DELETE') {
        store.clear();
        res.writeHead(204, SECURITY_HEADERS).end();
      } else throw notAllowed('GET, DELETE');
    } else if (path.startsWith('/api/messages/')) {
      if (method !== 'GET') throw notAllowed('GET');
      // A malformed %-sequence throws URIError here: guardHandler answers 400.
      const mail = store.get(decodeURIComponent(path.slice('/api/messages/'.length)));
      if (mail) json(res, 200, mail);
      else throw new HttpRefusal(404, 'no such mail (it may have been evicted)');
    } else {
      throw new HttpRefusal(404, 'not found');
    }
  };
}
