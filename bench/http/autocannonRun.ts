import autocannon from 'autocannon';
import type { LoadResult } from './loadResult';

/**
 * One autocannon run against the local host. Only 2xx responses count as served; everything else is a
 * failure, so an API that answers 401 fast cannot pass for a fast API.
 */
export async function autocannonRun(opts: {
  url: string;
  connections: number;
  durationS: number;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Paths to rotate through (GET of different orders). */
  paths?: readonly string[];
}): Promise<LoadResult> {
  let i = 0;
  const paths = opts.paths;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationS,
    method: opts.method,
    headers: opts.headers,
    ...(opts.body !== undefined ? { body: opts.body } : {}),
    ...(paths && paths.length > 0
      ? {
          requests: [
            { setupRequest: (req: autocannon.Request) => ({ ...req, path: paths[i++ % paths.length]! }) },
          ],
        }
      : {}),
  });
  const ok = result['2xx'];
  const failed = result.non2xx + result.errors + result.timeouts;
  return {
    requestsPerSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    failed,
    durationS: result.duration,
  };
}
