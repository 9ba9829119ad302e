import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RpcHttpData, RpcInvocationResponse, RpcTypedData } from '../app/coreTypes';
import { ensureError } from '../errors';
import type { HostLogger } from '../invoke/HostLogger';
import { InvocationError, type Invoker } from '../invoke/Invoker';
import type { HostKeys } from './HostKeys';
import type { Router, RouteMatch } from './Router';
import { toRpcHeaders, toSetCookie, typedDataToBuffer } from './rpcHttp';

export interface HttpServerOptions {
  router: Router;
  keys: HostKeys;
  invoker: Invoker;
  logger: HostLogger;
  /** Largest request body accepted; larger gets 413. */
  maxBodyBytes: number;
}

/** Azure rejects longer URLs with 414. */
const MAX_URL_LENGTH = 4096;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body?: string,
  headers: Record<string, string> = {},
): void {
  const buf = body === undefined ? undefined : Buffer.from(body);
  res.writeHead(status, { ...headers, 'content-length': String(buf?.length ?? 0) });
  res.end(buf);
}

/** The HTTP trigger front end: routing, keys, body limit, then one invocation per request. */
export class HttpServer {
  readonly server: Server;

  constructor(private readonly opts: HttpServerOptions) {
    this.server = createServer({ keepAlive: true }, (req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        opts.logger.host(
          'error',
          `HTTP request failed in the host: ${ensureError(err).stack ?? String(err)}`,
        );
        if (!res.headersSent) send(res, 500);
        else res.destroy();
      });
    });
    // Clients (and load generators) reuse connections; keep them longer than typical client idle timeouts.
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      // In-flight requests get a moment to finish; then every socket goes.
      setTimeout(() => this.server.closeAllConnections(), 2000).unref();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.length > MAX_URL_LENGTH) return send(res, 414);
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    let match: RouteMatch | undefined;
    try {
      match = this.opts.router.match(method, pathname);
    } catch {
      return send(res, 400, 'Malformed URL encoding');
    }
    if (!match) {
      if (pathname === '/' && (method === 'GET' || method === 'HEAD')) {
        return send(res, 200, 'Your Functions 4.0 app is up and running (orderflow local host)\n', {
          'content-type': 'text/plain; charset=utf-8',
        });
      }
      return send(res, 404);
    }
    const { route, params } = match;
    if (route.authLevel !== 'anonymous') {
      const header = req.headers['x-functions-key'];
      const key =
        typeof header === 'string'
          ? header
          : q < 0
            ? undefined
            : (new URLSearchParams(url.slice(q + 1)).get('code') ?? undefined);
      if (!this.opts.keys.authorize(route.authLevel, route.fn.name, key)) return send(res, 401);
    }
    let body: Buffer | undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      try {
        body = await readBody(req, this.opts.maxBodyBytes);
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          res.shouldKeepAlive = false;
          return send(res, 413, `Request body larger than ${this.opts.maxBodyBytes} bytes`, {
            connection: 'close',
          });
        }
        throw err;
      }
    }
    const http: RpcHttpData = {
      method,
      url: `http://${req.headers.host ?? 'localhost'}${url}`,
      headers: toRpcHeaders(req.headers),
      params,
      ...(body && body.length > 0 ? { body: { bytes: body } } : {}),
    };
    let response: RpcInvocationResponse;
    try {
      response = await this.opts.invoker.invoke(route.fn, {
        inputData: [{ name: route.bindingName, data: { http } }],
        triggerMetadata: {},
        reason: `This function was programmatically called via the host APIs.`,
      });
    } catch (err) {
      if (err instanceof InvocationError) {
        return send(
          res,
          500,
          JSON.stringify({ error: 'Internal Server Error', invocationId: err.invocationId }),
          {
            'content-type': 'application/json; charset=utf-8',
            'x-ms-invocation-id': err.invocationId,
          },
        );
      }
      throw err;
    }
    this.#write(res, this.#httpResult(route.fn.fn.metadata.bindings, response));
  }

  /** The `http` output: `$return` or a named output binding of type http. */
  #httpResult(
    bindings: Record<string, { type?: string; direction?: string }>,
    response: RpcInvocationResponse,
  ): RpcHttpData | undefined {
    for (const [name, b] of Object.entries(bindings)) {
      if (b.direction !== 'out' || b.type?.toLowerCase() !== 'http') continue;
      const data: RpcTypedData | null | undefined =
        name === '$return' ? response.returnValue : response.outputData?.find((o) => o.name === name)?.data;
      if (data?.http) return data.http;
    }
    return undefined;
  }

  #write(res: ServerResponse, http: RpcHttpData | undefined): void {
    if (!http) return send(res, 204);
    const status = Number(http.statusCode ?? 200) || 200;
    const headers: Record<string, string | string[]> = { ...http.headers };
    if (http.cookies && http.cookies.length > 0) {
      const existing = headers['set-cookie'];
      const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
      headers['set-cookie'] = [...list, ...http.cookies.map(toSetCookie)];
    }
    const body = status === 204 || status === 304 ? undefined : typedDataToBuffer(http.body);
    headers['content-length'] = String(body?.length ?? 0);
    res.writeHead(status, headers);
    res.end(body);
  }
}
