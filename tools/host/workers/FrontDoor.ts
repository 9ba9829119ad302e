import { createServer, type AddressInfo, type Server } from 'node:net';
import { toSocket, type Connection } from '../http/connectionHandle';
import type { HttpServer } from '../http/HttpServer';
import type { WorkerPool } from './WorkerPool';

/**
 * The listening socket when several worker processes serve HTTP: connections are accepted without reading
 * (pauseOnConnect) and dealt round-robin to this process's HttpServer and the workers, so a keep-alive
 * connection stays with one process for its life, as behind the Functions host's worker channel. With
 * `workersOnly` (LOCAL_HOST_PER_FUNCTION_SCALING) this process, which runs the other triggers, takes a connection
 * only while no worker is ready (one restarting after a crash), so HTTP keeps being served.
 */
export class FrontDoor {
  readonly #server: Server;
  #next = 0;

  constructor(
    private readonly local: HttpServer,
    private readonly pool: WorkerPool,
    private readonly workersOnly = false,
  ) {
    // noDelay and keepAlive as node:http sets them on the sockets it accepts itself.
    this.#server = createServer({ pauseOnConnect: true, noDelay: true, keepAlive: true }, (s) =>
      this.dispatch(s),
    );
  }

  listen(port: number, hostname: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, hostname, () => {
        this.#server.off('error', reject);
        resolve((this.#server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting; connections already handed out are closed by their servers. */
  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  /** Deals one connection: round-robin over this process (slot 0, unless workersOnly) and the ready workers. */
  dispatch(connection: Connection): void {
    const slots = this.pool.size + 1;
    // A worker that is not ready (restarting) is skipped; this process is the last resort.
    for (let tried = 0; tried < slots; tried++) {
      const slot = this.#next;
      this.#next = (slot + 1) % slots;
      if (slot === 0) {
        if (this.workersOnly) continue;
        return this.local.accept(toSocket(connection));
      }
      if (this.pool.handOff(slot - 1, connection)) return;
    }
    this.local.accept(toSocket(connection));
  }
}
