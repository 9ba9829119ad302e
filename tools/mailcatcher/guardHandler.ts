import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request handler that may throw or reject. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Headers every answer of a local tool's web server carries: nothing here is meant to be framed or sniffed. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** A handler's answer for a request it refuses: the status and a short reason, sent as JSON. */
export class HttpRefusal extends Error {
  override readonly name = 'HttpRefusal';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function statusOf(err: unknown): number {
  if (err instanceof HttpRefusal) return err.status;
  // decodeURIComponent and new URL on a malformed request line: the client's fault, not ours. Matched by name
  // and code, not instanceof: Node's URL errors come from its own realm (and tests run in a vm context).
  const e = err as { name?: unknown; code?: unknown } | null;
  if (e?.name === 'URIError' || e?.code === 'ERR_INVALID_URL') return 400;
  return 500;
}

/**
 * Wraps a server's one request handler so that nothing it throws, synchronously or not, escapes to the
 * event loop: in `npm run dev` every service shares one process, and an uncaught error there stops them all.
 * A failure becomes a JSON 4xx/5xx answer (or, once the answer has started, a closed connection).
 */
export function guardHandler(
  handler: HttpHandler,
  log?: (line: string) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  const fail = (req: IncomingMessage, res: ServerResponse, err: unknown) => {
    const status = statusOf(err);
    if (status >= 500) log?.(`${req.method ?? '?'} ${req.url ?? '?'} failed: ${String(err)}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const message = status >= 500 ? 'internal error' : err instanceof Error ? err.message : String(err);
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      ...(err instanceof HttpRefusal ? err.headers : {}),
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify({ error: message }));
  };
  return (req, res) => {
    // An aborted upload or a reset socket emits 'error' on the request: unheard, it would be thrown.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    try {
      const done = handler(req, res);
      if (done) done.catch((err: unknown) => fail(req, res, err));
    } catch (err) {
      fail(req, res, err);
    }
  };
}
