import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { portalErrors } from './errors';

/** No inline script or style, nothing from elsewhere, never framed: the page is served with this policy. */
export const PORTAL_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A per-process secret the page carries in a meta tag; a page from another origin cannot read it. */
export const newPortalToken = (): string => randomBytes(24).toString('base64url');

/**
 * Every state change is a POST with the token and, when the browser sends one, an Origin equal to the portal's
 * own: a cross-site form or fetch can neither read the token nor forge the Origin. Throws a 403 otherwise.
 */
export function assertTrustedPost(req: IncomingMessage, token: string, ownOrigins: readonly string[]): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins.includes(origin))
    throw portalErrors.forbidden('cross-origin request');
  if (req.headers['sec-fetch-site'] === 'cross-site') throw portalErrors.forbidden('cross-site request');
  const sent = Buffer.from(String(req.headers['x-portal-token'] ?? ''));
  const want = Buffer.from(token);
  if (sent.length !== want.length || !timingSafeEqual(sent, want))
    throw portalErrors.forbidden('missing or wrong token');
}

const MAX_BODY = 256 * 1024;

/** Reads a JSON object body of at most 256 KiB. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) throw portalErrors.tooLarge(MAX_BODY);
    chunks.push(c);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // falls through to the refusal below
  }
  throw portalErrors.badRequest('the body must be a JSON object');
}
