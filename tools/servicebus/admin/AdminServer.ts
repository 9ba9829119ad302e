import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ensureError, ServiceBusEmulatorError } from '../errors';
import { errorXml } from './atomXml';
import type { AtomApi } from './AtomApi';
import { answerClientErrors, closeServer, listenOn } from '../http/serverLifecycle';

/** Larger request bodies are refused with 413 (an entity description is a few KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

const XML = 'application/atom+xml;type=entry;charset=utf-8';

function send(res: ServerResponse, status: number, body: string, contentType = XML): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function fail(res: ServerResponse, status: number, detail: string): void {
  send(res, status, errorXml(status, detail), 'application/xml; charset=utf-8');
}

/**
 * Reads a body up to MAX_BODY_BYTES; past that, the rest is read and discarded (so the client gets its 413
 * instead of a reset connection) and undefined is returned.
 */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES ? Infinity : 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The ATOM/REST administration API on its own plain-HTTP port, as the official emulator serves it (port 5300
 * there). Any request, however malformed, gets an answer: every failure becomes an `<Error>` body with a status.
 * Authorization headers (SAS, `ServiceBusSupplementaryAuthorization`) are accepted without checking, like `$cbs`.
 */
export class AdminServer {
  private server: Server | undefined;

  constructor(private readonly api: AtomApi) {}

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === undefined) return fail(res, 413, `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
    let url: URL;
    let segments: string[];
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
      segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
      if (segments.at(-1) === '') segments.pop(); // `<topic>/Subscriptions/` (the JS SDK's list path)
    } catch {
      return fail(res, 400, `The request path is not a valid URL path: ${String(req.url).slice(0, 200)}`);
    }
    const host = /^[A-Za-z0-9.:[\]-]{1,300}$/.test(req.headers.host ?? '') ? req.headers.host! : 'localhost';
    const result = await this.api.handle({
      method: req.method ?? 'GET',
      segments,
      query: url.searchParams,
      isUpdate: req.headers['if-match'] !== undefined,
      body,
      base: `http://${host}`,
      host,
    });
    send(res, result.status, result.body);
  }

  listen(port: number, host: string): Promise<number> {
    const server = createServer((req, res) => {
      this.serve(req, res).catch((err: unknown) => {
        if (err instanceof ServiceBusEmulatorError) return fail(res, err.statusCode, err.message);
        const status = (err as { statusCode?: unknown }).statusCode;
        if (status === 405) return fail(res, 405, ensureError(err).message);
        fail(res, 500, ensureError(err).message);
      });
    });
    // Bytes that are not HTTP get a 400, a header past Node's limit a 431; the connection then closes.
    answerClientErrors(server);
    this.server = server;
    return listenOn(server, port, host);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}
