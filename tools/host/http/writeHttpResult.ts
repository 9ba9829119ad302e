import type { ServerResponse } from 'node:http';
import type { RpcHttpData, RpcInvocationResponse, RpcTypedData } from '../app/coreTypes';
import { send } from './httpIo';
import { toSetCookie, typedDataToBuffer } from './rpcHttp';

/** The `http` output: `$return` or a named output binding of type http, the first of `outputs` with data. */
export function httpResult(
  outputs: readonly string[],
  response: RpcInvocationResponse,
): RpcHttpData | undefined {
  for (const name of outputs) {
    const data: RpcTypedData | null | undefined =
      name === '$return' ? response.returnValue : response.outputData?.find((o) => o.name === name)?.data;
    if (data?.http) return data.http;
  }
  return undefined;
}

/** Writes the RPC response in one go: status, headers (cookies as Set-Cookie), Content-Length and body. */
export function writeHttpResult(res: ServerResponse, http: RpcHttpData | undefined): void {
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
