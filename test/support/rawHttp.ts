import { connect } from 'node:net';

/**
 * Sends `request` as raw bytes (no client library would send most malformed requests) and resolves with the
 * status line of the answer, or '' when the server closed the connection without one. With `end` the
 * client half-closes after writing (a request cut short); otherwise it waits up to `timeoutMs` for an answer.
 */
export function rawHttp(
  port: number,
  request: string | Buffer,
  { end = false, timeoutMs = 10_000 }: { end?: boolean; timeoutMs?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('data', (d: Buffer) => {
      reply += d.toString('latin1');
      // One answer is enough: its status line is all the callers compare.
      if (reply.includes('\r\n')) socket.destroy();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? undefined : reject(err)));
    socket.on('close', () => resolve(reply.split('\r\n')[0] ?? ''));
    socket.write(request, () => (end ? socket.end() : undefined));
  });
}
