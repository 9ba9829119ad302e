import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpServerOptions } from './HttpServerOptions';
import { readBody, requestKey, send } from './httpIo';

/** `POST /admin/functions/{name}` with `{"input": "..."}`: 202 when the function was started, 404 when none. */
export async function adminInvoke(
  opts: HttpServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  query: string | undefined,
): Promise<void> {
  const keys = opts.keys;
  if (keys && !keys.authorize('admin', name, requestKey(req, query))) return send(res, 401);
  let input = '';
  try {
    const body = (await readBody(req, opts.maxBodyBytes)).toString('utf8');
    if (body) {
      const raw = (JSON.parse(body) as { input?: unknown }).input;
      input = typeof raw === 'string' ? raw : raw === undefined ? '' : JSON.stringify(raw);
    }
  } catch {
    return send(res, 400, 'Expected a JSON body like {"input": "..."}');
  }
  return send(res, (await opts.adminInvoke!(name, input)) ? 202 : 404);
}
