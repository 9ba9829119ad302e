import type { IncomingMessage } from 'node:http';
import { wireErrors } from './errors';

/** Cosmos DB's limit on a request body (a document or a batch): 2 MiB, plus room for the envelope. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/**
 * Cosmos DB refuses documents nested deeper than 128 levels; a batch or query envelope adds a few. Checked
 * on the raw text before parsing, so no deep value ever reaches recursive code (JSON.stringify, clones,
 * the query engine), where it would overflow the stack.
 */
export const MAX_JSON_DEPTH = 128 + 4;

/** Reads and parses a JSON request body; malformed, too deep or oversized JSON is a 4xx, as in Cosmos DB. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return parseJsonBody(await readRawBody(req));
}

/** Reads a request body whole (a batch may be JSON or HybridRow); over the size limit is a 413. */
export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep draining an oversized body (so the kept-alive connection stays usable), but hold none of it.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw wireErrors.requestTooLarge();
  return Buffer.concat(chunks);
}

/** Parses JSON bytes (a body, or a document inside a HybridRow batch) under the same depth rule. */
export function parseJsonBody(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  if (depthOf(text) > MAX_JSON_DEPTH) {
    throw wireErrors.badRequest('The request payload is invalid: JSON nested deeper than 128 levels.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw wireErrors.badRequest('The request payload is invalid: not valid JSON.');
  }
}

/** The deepest nesting of `[` and `{` outside strings, in one pass. */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return max;
}
