import { randomUUID } from 'node:crypto';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { RpcTypedData } from '../app/coreTypes';
import { ensureError } from '../errors';
import { InvocationError, type Invoker } from '../invoke/Invoker';
import type { HttpRoute } from './Router';
import { forwardedFor } from './rpcHttp';

/**
 * HTTP streaming (`app.setup({ enableHttpStream: true })`), as the host does it: the request is forwarded, body
 * streamed, to the library's own proxy server (`HttpUri` from its capabilities) under an `x-ms-invocation-id`,
 * the invocation runs with headers and route parameters as trigger metadata, and the library answers on that
 * same proxied connection, which is piped back to the client.
 */
export function streamHttp(
  httpUri: string,
  invoker: Invoker,
  route: HttpRoute,
  params: Record<string, string>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const invocationId = randomUUID();
  const target = new URL(req.url ?? '/', httpUri);
  const headers: Record<string, string | string[] | undefined> = {
    ...req.headers,
    'x-ms-invocation-id': invocationId,
    'x-forwarded-host': req.headers.host ?? 'localhost',
    'x-forwarded-proto': 'http',
  };
  const xff = forwardedFor(req.headers['x-forwarded-for'], req.socket.remoteAddress);
  if (xff) headers['x-forwarded-for'] = xff;
  const fail = (err: unknown): void => {
    const id = err instanceof InvocationError ? err.invocationId : invocationId;
    if (!res.headersSent) {
      const body = JSON.stringify({ error: 'Internal Server Error', invocationId: id });
      res.writeHead(500, {
        'content-type': 'application/json; charset=utf-8',
        'x-ms-invocation-id': id,
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    } else res.destroy(ensureError(err));
  };
  return new Promise((done) => {
    const proxied = request(target, { method: req.method, headers }, (proxyRes) => {
      res.writeHead(proxyRes.statusCode ?? 200, proxyRes.headers);
      proxyRes.pipe(res);
      proxyRes.on('end', done);
      proxyRes.on('error', done);
    });
    proxied.on('error', (err) => {
      fail(err);
      done();
    });
    req.pipe(proxied);
    const triggerMetadata: Record<string, RpcTypedData> = { Headers: { json: JSON.stringify(req.headers) } };
    for (const [k, v] of Object.entries(params)) triggerMetadata[k] = { string: v };
    invoker
      .invoke(route.fn, {
        invocationId,
        inputData: [{ name: route.bindingName, data: { http: {} } }],
        triggerMetadata,
        reason: 'This function was programmatically called via the host APIs.',
      })
      .catch((err: unknown) => {
        // The library never answers the proxied request of a failed invocation: answer here and drop it.
        fail(err);
        proxied.destroy();
        done();
      });
  });
}
