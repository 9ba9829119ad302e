import type { Socket } from 'node:net';

/**
 * Makes the writes a socket receives in one turn of the event loop leave as one system call (one `writev`), as
 * Node's own HTTP responses do with cork/uncork. For a client that writes a message in many small pieces across
 * microtasks and stream ticks, such as nodemailer streaming a MIME message: with Nagle's algorithm off each piece
 * was a syscall and a TCP segment of its own (10 per email, and the receiving process woken for each); corked
 * until the loop's check phase they go out together, without the delayed-ACK stall Nagle's algorithm caused.
 */
export function coalesceWrites(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = (...args: unknown[]) => {
    if (socket.writableCorked === 0) {
      socket.cork();
      // setImmediate, not nextTick: a piped stream hands over its chunks across several ticks of one turn.
      setImmediate(() => socket.uncork());
    }
    return write(...args);
  };
}
