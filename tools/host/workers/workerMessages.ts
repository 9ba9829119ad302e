import type { HostOptions } from '../Host';

/** Host process -> worker. `connection` carries an accepted socket as its handle. */
export type ToWorker =
  | { type: 'start'; options: HostOptions; workerId: number }
  | { type: 'connection' }
  | { type: 'adminInvoked'; requestId: number; found: boolean }
  | { type: 'close' };

/** Worker -> host process. Admin invocations of non-HTTP functions run in the host process, where triggers live. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string; stack?: string }
  | { type: 'adminInvoke'; requestId: number; name: string; input: string };
