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
    // Handed over as bare handles (connectionHandle.ts), dealt on to the workers from here: no pipe, no port.
    await workers.ready(http);
    return port;
  }
  return workers?.listen(http, port, hostname) ?? http.listen(port, hostname);
}
