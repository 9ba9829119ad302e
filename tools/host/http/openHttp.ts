import type { HttpWorkers } from '../workers/HttpWorkers';
import type { HttpServer } from './HttpServer';

/**
 * Where HTTP is served, and on which port: handed over by a supervisor (`handoff`: its port), through the
 * worker processes' front door, or listening here.
 */
export async function openHttp(
  http: HttpServer,
  workers: HttpWorkers | undefined,
  handoff: boolean,
  port: number,
  hostname: string,
): Promise<number> {
  // A supervisor holds the port and hands connections over (acceptConnection).
  if (handoff && !workers) return port;
  if (handoff && workers) {
    // With more workers, handles passed on from a handle received over IPC stall under concurrent connections:
    // the front door listens on an internal loopback port and the supervisor pipes connections to it.
    return workers.listen(http, 0, '127.0.0.1');
  }
  return workers?.listen(http, port, hostname) ?? http.listen(port, hostname);
}
