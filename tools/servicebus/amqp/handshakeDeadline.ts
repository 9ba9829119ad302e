import type { Server, Socket } from 'node:net';
import type { Connection } from 'rhea';

/**
 * How long a client has from TCP connect to the AMQP `open` (protocol header, SASL, open). Azure closes connections
 * that do not authenticate; its exact deadline is not documented, so this is the broker's own choice: long enough
 * for a slow client on a loaded machine, short enough that half-open sockets cannot pile up.
 */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;

/**
 * Closes every socket that has not completed the AMQP handshake within `timeoutMs` of connecting. Invariant: a
 * socket is either open (its client's `open` arrived) or has a pending deadline, so no half-open socket lives
 * forever. Call `watch` on the listening server and `opened` on `connection_open`.
 */
export function handshakeDeadline(timeoutMs: number): {
  watch(server: Server): void;
  opened(connection: Connection): void;
} {
  const pending = new Map<Socket, NodeJS.Timeout>();
  return {
    watch(server: Server): void {
      server.on('connection', (socket: Socket) => {
        const timer = setTimeout(() => {
          pending.delete(socket);
          socket.destroy();
        }, timeoutMs);
        timer.unref();
        pending.set(socket, timer);
        socket.once('close', () => {
          clearTimeout(timer);
          pending.delete(socket);
        });
      });
    },
    opened(connection: Connection): void {
      const socket = (connection as unknown as { socket?: Socket }).socket;
      if (!socket) return;
      clearTimeout(pending.get(socket));
      pending.delete(socket);
    },
  };
}
