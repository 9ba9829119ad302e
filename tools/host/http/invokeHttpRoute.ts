import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcHttpData, RpcInvocationResponse } from '../app/coreTypes';
import { InvocationError } from '../invoke/Invoker';
import { bufferedRequest, type BufferedRequest } from './BufferedRequest';
import type { HttpServerOptions } from './HttpServerOptions';
import { BodyTooLarge, readBody, send } from './httpIo';
import type { RouteMatch } from './Router';
import { forwardedFor, toRpcHeaders, toRpcQuery } from './rpcHttp';
import { toRpcHttpResponse } from './toRpcHttpResponse';
import { httpResult, writeHttpResult } from './writeHttpResult';

/**
 * One request to an HTTP trigger (keys already checked, not streamed): the body read within the limit (413 past
 * it), one invocation, the result written; a handler failure answers 500 with its invocation id.
 */
export async function invokeHttpRoute(
  opts: HttpServerOptions,
  { route, params }: RouteMatch,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = req.url ?? '/';
  const method = (req.method ?? 'GET').toUpperCase();
  const q = url.indexOf('?');
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    try {
      body = await readBody(req, opts.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.shouldKeepAlive = false;
        return send(res, 413, `Request body larger than ${opts.maxBodyBytes} bytes`, {
          connection: 'close',
        });
      }
      throw err;
    }
  }
  const hostConverts = opts.conversion !== 'library';
  const fullUrl = `http://${req.headers.host ?? 'localhost'}${url}`;
  const headers = toRpcHeaders(req.headers);
  const xff = forwardedFor(req.headers['x-forwarded-for'], req.socket.remoteAddress);
  if (xff) headers['x-forwarded-for'] = xff;
  const query = q < 0 ? undefined : toRpcQuery(url.slice(q + 1));
  // The RPC fields stay complete: a library that ignores `nativeRequest` builds the same request from them.
  const http: RpcHttpData & { nativeRequest?: BufferedRequest } = {
    method,
    url: fullUrl,
    headers,
    params,
    ...(query ? { query } : {}),
    ...(body && body.length > 0 ? { body: { bytes: body } } : {}),
  };
  if (hostConverts) {
    const native = bufferedRequest(fullUrl, method, headers, body);
    if (native) http.nativeRequest = native;
  }
  let response: RpcInvocationResponse;
  try {
    response = await opts.invoker.invoke(route.fn, {
      inputData: [{ name: route.bindingName, data: { http } }],
      triggerMetadata: {},
      reason: `This function was programmatically called via the host APIs.`,
      ...(hostConverts && route.httpOutputs.length === 1 && route.httpOutputs[0] === '$return'
        ? { convertReturn: toRpcHttpResponse }
        : {}),
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
  writeHttpResult(res, httpResult(route.httpOutputs, response));
}
