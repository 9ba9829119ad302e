import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { HttpServer } from '../http/HttpServer';
import type { WorkerPool } from './WorkerPool';

/**
 * The listening socket when several worker processes serve HTTP: connections are accepted without reading
 * (pauseOnConnect) and dealt round-robin to this process's HttpServer and the workers, so a keep-alive
 * connection stays with one process for its life, as behind the Functions host's worker channel.
 */
export class FrontDoor {
  readonly #server: Server;
  #next = 0;

  constructor(
    private readonly local: HttpServer,
    private readonly pool: WorkerPool,
  ) {
    // noDelay and keepAlive as node:http sets them on the sockets it accepts itself.
    this.#server = createServer({ pauseOnConnect: true, noDelay: true, keepAlive: true }, (s) =>
      this.#dispatch(s),
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

  #dispatch(socket: Socket): void {
    this.dispatch(socket);
  }

  /** Deals one connection: round-robin over this process and the ready workers. */
  dispatch(socket: Socket): void {
    const slots = this.pool.size + 1;
    // Slot 0 is this process; a worker that is not ready (restarting) is skipped.
    for (let tried = 0; tried < slots; tried++) {
      const slot = this.#next;
      this.#next = (slot + 1) % slots;
      if (slot === 0) return this.local.accept(socket);
      if (this.pool.handOff(slot - 1, socket)) return;
    }
    this.local.accept(socket);
  }
}
