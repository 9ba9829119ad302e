import { connect, type Socket } from 'node:net';

/** FUNCTIONS_WORKER_PROCESS_COUNT > 1: a connection piped to the app process's front door on an internal port. */
export function pipeConnection(socket: Socket, port: number): void {
  const upstream = connect(port, '127.0.0.1');
  socket.on('error', () => upstream.destroy());
  upstream.on('error', () => socket.destroy());
  socket.pipe(upstream).pipe(socket);
  socket.resume();
}
