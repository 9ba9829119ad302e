// Entry of an extra language worker process (FUNCTIONS_WORKER_PROCESS_COUNT > 1), forked by WorkerPool: loads the
// app like the host process and serves the HTTP connections it is handed; it never listens and runs no other trigger.
import { ensureError } from '../errors';
import { dropConnection, isConnection } from '../http/connectionHandle';
import { Host } from '../Host';
import type { FromWorker, ToWorker } from './workerMessages';

let host: Host | undefined;
let stopping = false;
let nextRequest = 0;
const pendingAdmin = new Map<number, (found: boolean) => void>();

/** A send racing the host process's exit fails quietly: 'disconnect' ends this worker anyway. */
function send(msg: FromWorker, done: () => void = () => undefined): void {
  if (process.connected) process.send?.(msg, undefined, undefined, () => done());
  else done();
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await host?.close();
  } finally {
    process.exit(code);
  }
}

/** Non-HTTP functions live in the host process: an admin invocation that reached this worker is run there. */
function adminInvoke(name: string, input: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!process.connected) return resolve(false);
    const requestId = ++nextRequest;
    pendingAdmin.set(requestId, resolve);
    send({ type: 'adminInvoke', requestId, name, input });
  });
}

process.on('message', (msg: ToWorker, handle: unknown) => {
  switch (msg.type) {
    case 'connection':
      // A bare handle (connectionHandle.ts), read only once this process's HttpServer serves it.
      if (isConnection(handle)) {
        if (host && !stopping) host.acceptConnection(handle);
        else dropConnection(handle);
      }
      return;
    case 'adminInvoked':
      pendingAdmin.get(msg.requestId)?.(msg.found);
      pendingAdmin.delete(msg.requestId);
      return;
    case 'close':
      void stop(0);
      return;
    case 'start':
      Host.start({ ...msg.options, worker: { id: msg.workerId, adminInvoke } })
        .then((h) => {
          host = h;
          send({ type: 'ready' });
        })
        .catch((err: unknown) => {
          const e = ensureError(err);
          send({ type: 'failed', message: e.message, ...(e.stack ? { stack: e.stack } : {}) }, () =>
            process.exit(1),
          );
        });
  }
});

// An exception outside any invocation ends this worker, as it ends a Node worker: requests in flight get 500,
// then the pool starts a new worker (see child.ts for the app process).
function die(kind: string, err: unknown): void {
  const e = ensureError(err);
  const line = `${kind} in the app (outside any invocation): ${e.stack ?? e.message}\nThis worker process exits; the host starts a new one.`;
  if (host) {
    host.logger.host('error', line);
    host.logger.flush();
  } else process.stderr.write(line + '\n');
  if (stopping) return;
  stopping = true;
  const exit = (): never => process.exit(1);
  setTimeout(exit, 2000).unref();
  void (host?.failInFlight() ?? Promise.resolve()).then(exit, exit);
}
process.on('uncaughtException', (err) => die('Uncaught exception', err));
process.on('unhandledRejection', (reason) => die('Unhandled promise rejection', reason));

// The host process died or closed the channel: never outlive it.
process.on('disconnect', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// Ctrl-C reaches the whole process group: the host process decides when workers stop (no restart race).
process.on('SIGINT', () => undefined);
