import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ensureError } from '../errors';
import { AcceptedSockets } from './AcceptedSockets';
import { adminInvoke } from './adminInvoke';
import { applyCors } from './cors';
import type { HttpServerOptions } from './HttpServerOptions';
import { requestKey, send } from './httpIo';
import { invokeHttpRoute } from './invokeHttpRoute';
import type { RouteMatch } from './Router';
import { streamHttp } from './streamProxy';

export type { HttpConversion, HttpServerOptions } from './HttpServerOptions';

/** The answer to a request whose worker process died, as the Functions host fails its invocation. */
function fail500(res: ServerResponse): void {
  res.shouldKeepAlive = false;
  send(
    res,
    500,
    JSON.stringify({ error: 'Internal Server Error', reason: 'The language worker process exited.' }),
    {
      'content-type': 'application/json; charset=utf-8',
      connection: 'close',
    },
  );
}

const ADMIN_INVOKE = /^\/admin\/functions\/([^/]+)\/?$/i;

/** Azure rejects longer URLs with 414. */
const MAX_URL_LENGTH = 4096;

/** The HTTP trigger front end: routing, keys, body limit, then one invocation per request. */
export class HttpServer {
  readonly server: Server;
  /** Sockets handed in with accept() (the server then listens on nothing itself). */
  #accepted: AcceptedSockets | undefined;
  /** Responses not yet finished, for failInFlight(). */
  readonly #inFlight = new Set<ServerResponse>();
  #dying = false;

  constructor(private readonly opts: HttpServerOptions) {
    this.server = createServer({ keepAlive: true }, (req, res) => {
      if (this.#dying) return fail500(res);
      this.#inFlight.add(res);
      res.once('close', () => this.#inFlight.delete(res));
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

  listen(port: number, hostname: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, hostname, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /**
   * Serves a connection accepted elsewhere (a front door spreading connections over worker processes). The
   * first call starts the server's connection tracking, which `listen` would start: header/request timeouts and
   * closeIdleConnections work as for a listening server.
   */
  accept(socket: Socket): void {
    if (!this.#accepted) {
      this.#accepted = new AcceptedSockets();
      this.server.emit('listening');
    }
    this.#accepted.add(socket);
    this.server.emit('connection', socket);
    // A socket accepted with pauseOnConnect reads nothing until resumed.
    socket.resume();
  }

  /** Answers every unfinished request 500 (and any new one): the process is going down. */
  failInFlight(): Promise<void> {
    this.#dying = true;
    // Idle keep-alive connections are closed now, so clients see the close before they reuse one.
    this.server.closeIdleConnections();
    const pending = [...this.#inFlight].map(
      (res) =>
        new Promise<void>((done) => {
          res.once('close', () => done());
          if (res.headersSent) res.destroy();
          else fail500(res);
        }),
    );
    return Promise.all(pending).then(() => undefined);
  }

  close(): Promise<void> {
    if (this.#accepted) {
      // Never listened: close() only stops the timeout checks and ends idle connections.
      this.server.close(() => undefined);
      return this.#accepted.drain(2000);
    }
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
    if (this.opts.cors && applyCors(this.opts.cors, req, res)) return;
    const admin = method === 'POST' && this.opts.adminInvoke ? ADMIN_INVOKE.exec(pathname) : null;
    if (admin) {
      let name: string;
      try {
        name = decodeURIComponent(admin[1]!);
      } catch {
        // Before any key check: a name that cannot be decoded names no function, whoever asks.
        return send(res, 400, 'Malformed URL encoding');
      }
      return adminInvoke(this.opts, req, res, name, q < 0 ? undefined : url.slice(q + 1));
    }
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
    const keys = this.opts.keys;
    if (keys && route.authLevel !== 'anonymous') {
      const key = requestKey(req, q < 0 ? undefined : url.slice(q + 1));
      if (!keys.authorize(route.authLevel, route.fn.name, key)) return send(res, 401);
    }
    if (this.opts.streamUri) {
      // Streamed bodies are not buffered: only a declared length can be checked up front.
      if (Number(req.headers['content-length']) > this.opts.maxBodyBytes)
        return send(res, 413, undefined, { connection: 'close' });
      return streamHttp(this.opts.streamUri, this.opts.invoker, route, params, req, res);
    }
    return invokeHttpRoute(this.opts, match, req, res);
  }
}
