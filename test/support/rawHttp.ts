import { connect } from 'node:net';

/**
 * Sends `request` as raw bytes (no client library would send most malformed requests) and resolves with the
 * status line of the answer, or '' when the server closed the connection without one.
 */
export function rawHttp(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.on('data', (d: Buffer) => {
      reply += d.toString('latin1');
      // One answer is enough: its status line is all the callers compare.
      if (reply.includes('\r\n')) socket.destroy();
    });
    socket.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNRESET' ? resolve(reply) : reject(err),
    );
    socket.on('close', () => resolve(reply.split('\r\n')[0] ?? ''));
    socket.write(request, () => socket.end());
  });
}
