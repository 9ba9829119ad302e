import type { IncomingMessage } from 'node:http';
import { wireErrors } from './errors';

/** Cosmos DB's limit on a request body (a document or a batch): 2 MiB, plus room for the envelope. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Reads and parses a JSON request body; malformed JSON or an oversized body is a 400, as in Cosmos DB. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep draining an oversized body (so the kept-alive connection stays usable), but hold none of it.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw wireErrors.requestTooLarge();
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw wireErrors.badRequest('The request payload is invalid: not valid JSON.');
  }
}
