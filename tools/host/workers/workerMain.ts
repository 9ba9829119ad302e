// Entry of an extra language worker process (FUNCTIONS_WORKER_PROCESS_COUNT > 1), forked by WorkerPool: loads the
// app like the host process and serves the HTTP connections it is handed; it never listens and runs no other trigger.
import { Socket } from 'node:net';
import { ensureError } from '../errors';
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
      // Null when the client hung up while the handle was in transit.
      if (handle instanceof Socket) {
        if (host && !stopping) host.acceptConnection(handle);
        else handle.destroy();
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

// The host process died or closed the channel: never outlive it.
process.on('disconnect', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// Ctrl-C reaches the whole process group: the host process decides when workers stop (no restart race).
process.on('SIGINT', () => undefined);
