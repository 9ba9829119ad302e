import { parseTimeSpanMs } from '../timeSpan';

/** Azure's request length limit; `FUNCTIONS_REQUEST_BODY_SIZE_LIMIT` (bytes) changes it, as in Azure. */
export const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;

/** host.json `extensions.http.routePrefix`: default `api`, may be empty. */
export function routePrefix(hostJson: Record<string, unknown>): string {
  const http = (hostJson.extensions as { http?: { routePrefix?: unknown } } | undefined)?.http;
  return typeof http?.routePrefix === 'string' ? http.routePrefix : 'api';
}

/** host.json `functionTimeout` in ms; undefined when absent or `-1` (no limit). */
export function functionTimeoutMs(hostJson: Record<string, unknown>): number | undefined {
  const ms =
    typeof hostJson.functionTimeout === 'string' ? parseTimeSpanMs(hostJson.functionTimeout) : undefined;
  return ms && ms > 0 ? ms : undefined;
}

export function maxBodyBytes(env: NodeJS.ProcessEnv = process.env): number {
  const limit = Number(env.FUNCTIONS_REQUEST_BODY_SIZE_LIMIT);
  return Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_MAX_BODY_BYTES;
}
