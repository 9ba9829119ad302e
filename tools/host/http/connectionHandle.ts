import { Socket, type SocketConstructorOpts } from 'node:net';

/**
 * An accepted TCP connection as it travels between the host's processes: a `net.Socket`, or the bare libuv TCP
 * handle that `child.send(message, handle)` carries as `net.Native`.
 *
 * Why bare handles: a `net.Socket` received over IPC starts reading at once (Node wraps the received handle and
 * calls read(0); `pause()` does not stop that), so a process that receives a connection and deals it on to another
 * would keep the request bytes already read in its own buffer and the next process would wait for a request that
 * never comes. A bare handle is never read on the way: only the process that serves it wraps it in a socket.
 * Invariant: a connection is wrapped in a reading socket exactly once, in the process whose HttpServer serves it.
 */
export interface NativeHandle {
  readStart(): number;
  readStop(): number;
  close(callback?: () => void): void;
}

export type Connection = Socket | NativeHandle;

export function isConnection(value: unknown): value is Connection {
  if (value instanceof Socket) return true;
  const h = value as Partial<NativeHandle> | null;
  return (
    typeof h === 'object' &&
    h !== null &&
    typeof h.readStart === 'function' &&
    typeof h.readStop === 'function' &&
    typeof h.close === 'function'
  );
}

/**
 * The socket for a connection. `paused`: one that reads nothing until resumed (a connection that waits), else it
 * reads at once, as for the HttpServer that serves it.
 */
export function toSocket(connection: Connection, paused = false): Socket {
  if (connection instanceof Socket) return connection;
  // `handle` and `pauseOnCreate` are net.Socket's own options for a handle accepted elsewhere (net.Server uses them).
  return new Socket({
    handle: connection,
    readable: true,
    writable: true,
    pauseOnCreate: paused,
  } as SocketConstructorOpts);
}

/** The bare handle under a socket that has read nothing (accepted with pauseOnConnect, never resumed). */
function nativeHandleOf(socket: Socket): NativeHandle | undefined {
  return (socket as unknown as { _handle: NativeHandle | null })._handle ?? undefined;
}

/** Closes this process's copy of a connection. */
export function dropConnection(connection: Connection): void {
  if (connection instanceof Socket) connection.destroy();
  else connection.close();
}

type Send = (
  message: unknown,
  handle: NativeHandle,
  options: undefined,
  callback: (err: Error | null) => void,
) => boolean;

/** A process to send to: a ChildProcess, or `process` towards its parent. */
export interface ConnectionTarget {
  send?: unknown;
  readonly connected: boolean;
}

/**
 * Sends a connection to another process as a bare handle (`net.Native`), then closes this process's copy once the
 * message is written (the receiver holds its own descriptor by then). A failed send drops the connection, as a
 * crashed worker drops it.
 */
export function sendConnection(target: ConnectionTarget, message: unknown, connection: Connection): void {
  const handle = connection instanceof Socket ? nativeHandleOf(connection) : connection;
  if (!handle || !target.connected || typeof target.send !== 'function') return dropConnection(connection);
  try {
    // child_process sends a bare TCP handle as `net.Native`; its types list only sockets, servers and UDP.
    (target.send as Send).call(target, message, handle, undefined, () => dropConnection(connection));
  } catch {
    dropConnection(connection);
  }
}
