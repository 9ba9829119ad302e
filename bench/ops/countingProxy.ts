import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyCosmosRequest } from './classifyCosmosRequest';

export interface CountedRequest {
  resource: string;
  op: string;
  status: number;
}

export interface CountingProxy {
  port: number;
  /** Connection string for the app: the proxy's address with the emulator's key. */
  connectionString: string;
  /** Every request since the last reset, in order of completion. */
  requests(): CountedRequest[];
  reset(): void;
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of the offline Cosmos DB that records each request's kind and status:
 * the app's own clients are measured unchanged, only their endpoint points here.
 */
export async function startCountingProxy(target: { port: number; key: string }): Promise<CountingProxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let log: CountedRequest[] = [];
  const server: Server = createServer({ keepAlive: true }, (req, res) => {
    const kind = classifyCosmosRequest(req.method ?? 'GET', req.url ?? '/', req.headers);
    const upstream = request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${target.port}` },
        agent,
      },
      (up: IncomingMessage) => {
        log.push({ ...kind, status: up.statusCode ?? 0 });
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      log.push({ ...kind, status: 502 });
      res.writeHead(502).end(err.message);
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    connectionString: `AccountEndpoint=http://127.0.0.1:${port}/;AccountKey=${target.key};`,
    requests: () => [...log],
    reset: () => {
      log = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
