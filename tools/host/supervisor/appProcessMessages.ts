import type { HostFunctionInfo } from '../HostFunctionInfo';
import type { HostOptions } from '../HostOptions';

/** Supervisor -> app process. `connection` carries an accepted socket as its handle. */
export type ToAppProcess =
  { type: 'start'; options: HostOptions } | { type: 'connection' } | { type: 'dyingAck' } | { type: 'close' };

/** App process -> supervisor (and -> startHost's caller before the supervisor existed). */
export type FromAppProcess =
  | { type: 'ready'; functions: HostFunctionInfo[] }
  | { type: 'failed'; message: string; stack?: string }
  /** The app process is going down: hand it nothing more; `dyingAck` follows every connection already sent. */
  | { type: 'dying' }
  /** A connection that reached a dying app process, sent back (as its handle) to wait for the next one. */
  | { type: 'requeue' };
