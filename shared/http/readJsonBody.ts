import type { HttpRequest } from '@azure/functions';
import type { ZodType, output } from 'zod';
import { httpErrors } from './errors';
import { fieldErrorsFromIssues } from './fieldErrorsFromIssues';

/** The largest request body the API accepts. */
export const MAX_BODY_BYTES = 256 * 1024;

type BodySource = Pick<HttpRequest, 'headers' | 'body' | 'arrayBuffer'>;

function isJsonMediaType(contentType: string | null): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type ?? '')) return false;
  // JSON is UTF-8 (RFC 8259 §8.1); a declared other charset is a client mistake, not something to guess at.
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

// Stateless between calls (no `stream` option), so one decoder serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads at most `limit` bytes; stops reading (and rejects) as soon as the body is larger, whatever it claimed.
 * With a declared Content-Length (already checked against `limit`), HTTP framing delivers exactly that many
 * bytes (Node's parser, Kestrel in Azure), so the body is taken whole: far cheaper than a byte stream, and
 * under the Node worker without streaming the host has buffered it already anyway.
 */
async function readCapped(req: BodySource, limit: number, declared: boolean): Promise<Uint8Array> {
  if (declared || !req.body) {
    const bytes = new Uint8Array(await req.arrayBuffer());
    if (bytes.byteLength > limit) throw httpErrors.payloadTooLarge(limit);
    return bytes;
  }
  const reader = (req.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw httpErrors.payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Content type, size, UTF-8, JSON syntax and schema, in that order, each failure a 4xx naming the
 * problem: 415 not JSON, 413 over `limit` (Content-Length checked first, then the bytes actually read),
 * 400 malformed, 400 with field errors when the (strict) schema rejects it. Never a 5xx for bad input.
 */
export async function readJsonBody<S extends ZodType>(
  req: BodySource,
  schema: S,
  limit: number = MAX_BODY_BYTES,
): Promise<output<S>> {
  if (!isJsonMediaType(req.headers.get('content-type')))
    throw httpErrors.unsupportedMediaType('application/json');
  const declared = req.headers.get('content-length');
  if (declared !== null) {
    if (!/^\d+$/.test(declared.trim())) throw httpErrors.badRequest('Content-Length is not a number.');
    if (Number(declared) > limit) throw httpErrors.payloadTooLarge(limit);
  }
  const bytes = await readCapped(req, limit, declared !== null);
  if (bytes.byteLength === 0) throw httpErrors.malformedJson('A JSON request body is required.');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw httpErrors.malformedJson('The request body is not valid UTF-8.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // SyntaxError (bad JSON) or RangeError (absurd nesting): both the client's doing.
    throw httpErrors.malformedJson(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw httpErrors.validation(fieldErrorsFromIssues(parsed.error.issues));
  return parsed.data;
}
