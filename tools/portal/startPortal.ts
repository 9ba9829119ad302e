import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { guardHandler, SECURITY_HEADERS } from '../mailcatcher/guardHandler';
import { CosmosExplorer } from './cosmosExplorer';
import { portalErrors } from './errors';
import { portalCss, portalPage } from './portalPage';
import { PORTAL_CSP, assertTrustedPost, newPortalToken, readJson } from './portalSecurity';
import { ServiceBusExplorer, type SubQueue } from './serviceBusExplorer';
import { traceRoutes, type TraceSource } from './traceRoutes';
import { metricRoutes, type MetricSource } from './metricRoutes';
import { tracesCss, tracesPage } from './tracesPage';

/** Options of startPortal: each service left out is shown as not running. */
export interface PortalOptions {
  /** Port on 127.0.0.1 (loopback only). Default 0 (ephemeral). */
  port?: number;
  /** The app root, whose dist/web/portal/main.js is the page's script. */
  root: string;
  serviceBus?: { connectionString: string; httpUrl: string };
  cosmos?: { connectionString: string };
  /** The mail catcher's page, e.g. http://127.0.0.1:1080/ */
  mailUrl?: string;
  /** The dev stack's OTLP receiver store, for the Traces page. */
  traces?: TraceSource;
  /** The dev stack's OTLP receiver metric store, for the Traces page's metrics view. */
  metrics?: MetricSource;
}

export interface Portal {
  url: string;
  /** The per-process token every POST must carry (the page reads it from its meta tag). */
  token: string;
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, url: URL) => Promise<unknown>;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
};

const strings = (v: unknown): string[] | 'all' => {
  if (v === 'all') return 'all';
  if (Array.isArray(v) && v.length > 0 && v.every((s) => /^\d+$/.test(String(s)))) return v.map(String);
  throw portalErrors.badRequest('sequenceNumbers: "all" or a non-empty list of sequence numbers');
};
const text = (v: unknown, name: string): string => {
  if (typeof v === 'string' && v) return v;
  throw portalErrors.badRequest(`${name} is required`);
};
const subQueue = (v: unknown): SubQueue => (v === 'deadletter' ? 'deadletter' : 'active');

/**
 * A local portal over the offline stack: Service Bus explorer, Cosmos DB explorer and the caught mail, on one page.
 * Loopback only; GETs read, every action is a POST carrying the process token from the portal's own origin.
 */
export async function startPortal(opts: PortalOptions): Promise<Portal> {
  const token = newPortalToken();
  const sb = opts.serviceBus ? new ServiceBusExplorer(opts.serviceBus.connectionString) : undefined;
  const cosmos = opts.cosmos ? new CosmosExplorer(opts.cosmos.connectionString) : undefined;
  const needSb = () =>
    sb ??
    (() => {
      throw portalErrors.unavailable('Service Bus');
    })();
  const needCosmos = () =>
    cosmos ??
    (() => {
      throw portalErrors.unavailable('Cosmos DB');
    })();
  const upstream = async (url: string) => {
    const res = await fetch(url);
    if (!res.ok) throw portalErrors.badRequest(`${url}: ${res.status}`);
    return res.json() as Promise<unknown>;
  };

  const gets: Record<string, Route> = {
    '/api/servicebus/entities': () =>
      opts.serviceBus
        ? upstream(`${opts.serviceBus.httpUrl}/entities`)
        : Promise.reject(portalErrors.unavailable('Service Bus')),
    '/api/servicebus/messages': (_req, url) =>
      needSb().peek(
        text(url.searchParams.get('entity'), 'entity'),
        subQueue(url.searchParams.get('sub')),
        Number(url.searchParams.get('count') ?? 50) || 50,
        url.searchParams.has('from') ? Number(url.searchParams.get('from')) || 0 : undefined,
      ),
    '/api/cosmos/containers': () => needCosmos().containers(),
    '/api/cosmos/leases': () => needCosmos().leases(),
    ...traceRoutes(opts.traces),
    ...metricRoutes(opts.metrics),
    '/api/mail': () =>
      opts.mailUrl
        ? upstream(new URL('api/messages', opts.mailUrl).href)
        : Promise.reject(portalErrors.unavailable('the mail catcher')),
  };
  const posts: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    '/api/servicebus/resend': async (b) => ({
      sent: await needSb().resend(text(b.entity, 'entity'), strings(b.sequenceNumbers)),
    }),
    '/api/servicebus/delete': async (b) => ({
      deleted: await needSb().delete(text(b.entity, 'entity'), subQueue(b.sub), strings(b.sequenceNumbers)),
    }),
    '/api/servicebus/purge': async (b) => ({
      deleted: await needSb().delete(text(b.entity, 'entity'), 'active', 'all'),
    }),
    '/api/servicebus/cancel': async (b) => {
      const seqs = strings(b.sequenceNumbers);
      if (seqs === 'all') throw portalErrors.badRequest('cancel names its sequence numbers');
      await needSb().cancelScheduled(text(b.entity, 'entity'), seqs);
      return { cancelled: seqs.length };
    },
    '/api/cosmos/query': (b) =>
      needCosmos().query({
        database: text(b.database, 'database'),
        container: text(b.container, 'container'),
        query: text(b.query, 'query'),
        parameters: Array.isArray(b.parameters) ? (b.parameters as never) : [],
        ...(typeof b.partitionKey === 'string' ? { partitionKey: b.partitionKey } : {}),
        ...(typeof b.pageSize === 'number' ? { pageSize: b.pageSize } : {}),
        ...(typeof b.continuation === 'string' ? { continuation: b.continuation } : {}),
      }),
  };

  let origins: string[] = [];
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const page = (type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': type,
        'cache-control': 'no-store',
        ...extra,
      });
      res.end(method === 'HEAD' ? undefined : body);
    };
    if (method === 'GET' || method === 'HEAD') {
      if (path === '/')
        return page('text/html; charset=utf-8', portalPage(token), { 'content-security-policy': PORTAL_CSP });
      // Browsers ask for it on every page: no icon, and no 404 in the console.
      if (path === '/favicon.ico') return void res.writeHead(204, SECURITY_HEADERS).end();
      if (path === '/portal.css') return page('text/css; charset=utf-8', portalCss);
      if (path === '/traces')
        return page('text/html; charset=utf-8', tracesPage(), { 'content-security-policy': PORTAL_CSP });
      if (path === '/traces.css') return page('text/css; charset=utf-8', tracesCss);
      if (path === '/main.js' || path === '/traces.js') {
        const name = path === '/main.js' ? 'portal' : 'traces';
        const script = await readFile(join(opts.root, 'dist', 'web', name, 'main.js')).catch(() => undefined);
        if (!script) throw portalErrors.unavailable('the page script (run `npm run build`)');
        return page('text/javascript; charset=utf-8', script);
      }
      const route = gets[path];
      if (route) return json(res, 200, await route(req, url));
      if (posts[path]) throw portalErrors.notAllowed('POST');
      throw portalErrors.notFound();
    }
    const action = posts[path];
    if (!action) throw gets[path] ? portalErrors.notAllowed('GET, HEAD') : portalErrors.notFound();
    if (method !== 'POST') throw portalErrors.notAllowed('POST');
    assertTrustedPost(req, token, origins);
    json(res, 200, await action(await readJson(req)));
  };

  // The SDKs' own errors say whose fault it was: an entity that does not exist is the request's.
  const answered = (req: IncomingMessage, res: ServerResponse) =>
    handler(req, res).catch((err: unknown) => {
      const e = err as { code?: unknown; statusCode?: unknown; message?: string } | null;
      if (e?.code === 'MessagingEntityNotFound' || e?.statusCode === 404 || e?.code === 404)
        throw portalErrors.notFound(String(e.message ?? 'not found'));
      if (e?.statusCode === 400 || e?.code === 400) throw portalErrors.badRequest(String(e.message));
      throw err;
    });
  const server = createServer(guardHandler(answered, (l) => console.error(`[portal] ${l}`)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      cosmos?.close();
      await sb?.close();
    },
  };
}
