import type { Socket } from 'node:net';

/**
 * The connections of an HttpServer that is handed sockets instead of listening (worker processes, and the host
 * process behind its front door): node:http tracks only what a listening server accepted.
 */
export class AcceptedSockets {
  readonly #sockets = new Set<Socket>();
  #drained: (() => void) | undefined;

  add(socket: Socket): void {
    this.#sockets.add(socket);
    socket.once('close', () => {
      this.#sockets.delete(socket);
      if (this.#sockets.size === 0) this.#drained?.();
    });
  }

  /** Resolves once every socket has closed; those still open after `graceMs` are destroyed. */
  drain(graceMs: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#sockets.size === 0) return resolve();
      this.#drained = resolve;
      setTimeout(() => {
        for (const s of this.#sockets) s.destroy();
      }, graceMs).unref();
    });
  }
}
