import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
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

export function send(
  res: ServerResponse,
  status: number,
  body?: string,
  headers: Record<string, string> = {},
): void {
  const buf = body === undefined ? undefined : Buffer.from(body);
  res.writeHead(status, { ...headers, 'content-length': String(buf?.length ?? 0) });
  res.end(buf);
}

/** The key a request presents: the `x-functions-key` header, else the `code` query parameter. */
export function requestKey(req: IncomingMessage, query: string | undefined): string | undefined {
  const header = req.headers['x-functions-key'];
  if (typeof header === 'string') return header;
  return query ? (new URLSearchParams(query).get('code') ?? undefined) : undefined;
}
