import type { IncomingMessage, ServerResponse } from 'node:http';

/** local.settings.json `Host.CORS` (comma-separated origins or `*`) and `Host.CORSCredentials`, as func start reads them. */
export interface CorsOptions {
  origins: string[];
  credentials: boolean;
}

export function corsOptions(host: { CORS?: string; CORSCredentials?: boolean }): CorsOptions | undefined {
  const origins = (host.CORS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return origins.length > 0 ? { origins, credentials: host.CORSCredentials === true } : undefined;
}

/**
 * Adds CORS headers for an allowed Origin. Returns true when the request was a preflight, answered here (204):
 * preflights never reach a function, as with the Functions host's CORS middleware.
 */
export function applyCors(cors: CorsOptions, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  const any = cors.origins.includes('*');
  if (!any && !cors.origins.some((o) => o.toLowerCase() === origin.toLowerCase())) return false;
  // With credentials the origin must be echoed, never `*`.
  res.setHeader('access-control-allow-origin', any && !cors.credentials ? '*' : origin);
  res.setHeader('vary', 'Origin');
  if (cors.credentials) res.setHeader('access-control-allow-credentials', 'true');
  const method = req.headers['access-control-request-method'];
  if (req.method !== 'OPTIONS' || !method) return false;
  res.setHeader('access-control-allow-methods', method);
  const headers = req.headers['access-control-request-headers'];
  if (headers) res.setHeader('access-control-allow-headers', headers);
  res.setHeader('access-control-max-age', '3600');
  res.writeHead(204, { 'content-length': '0' });
  res.end();
  return true;
}
