import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Listens on `port` (0: any free port) and resolves with the port taken; rejects on a listen error. */
export function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Closes the server and every connection it holds, keep-alive ones included. */
export function closeServer(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!server) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** How long a refused connection may go on sending before it is dropped: its answer is already on the way. */
const REFUSED_GRACE_MS = 2_000;

/**
 * Answers a request the HTTP parser refuses before any handler sees it: 431 for a request line or headers past
 * Node's limit, 400 for bytes that are not HTTP. The answer is written and the socket half-closed (`end`), while
 * whatever the client is still sending is read and dropped for a moment: Node's own answer closes the socket at
 * once (`destroy`) with the client's bytes unread, which resets the connection, and a client still writing (a
 * 100 KB URL) may then see ECONNRESET instead of the status (Node 24 does, every time).
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    const status =
      err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    socket.resume();
    setTimeout(() => socket.destroy(), REFUSED_GRACE_MS).unref();
  });
}
