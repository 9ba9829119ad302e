// Entry of the app process the supervisor forks: one app per process, as the Functions host runs one Node worker.
import { Host } from './Host';
import { dropConnection, isConnection, sendConnection } from './http/connectionHandle';
import { ensureError } from './errors';
import type { FromAppProcess, ToAppProcess } from './supervisor/appProcessMessages';

let host: Host | undefined;
let stopping = false;
let dying = false;
let acked: (() => void) | undefined;

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await host?.close();
  } finally {
    process.exit(code);
  }
}

function send(msg: FromAppProcess, done?: () => void): void {
  if (process.connected) process.send?.(msg, undefined, undefined, () => done?.());
  else done?.();
}

/**
 * An exception thrown outside any invocation (an fs callback, a timer) ends a Node worker; the Functions host
 * logs it, fails the invocations in flight and starts a new worker. Here: log, answer the HTTP requests in flight
 * 500, exit; the supervisor starts a new process. Nothing is settled or checkpointed on the way out, so Service
 * Bus messages and change-feed batches being processed are delivered again (at-least-once).
 */
function die(kind: string, err: unknown): void {
  const e = ensureError(err);
  const line = `${kind} in the app (outside any invocation): ${e.stack ?? e.message}\nThe language worker process exits; the host starts a new one.`;
  if (host) {
    host.logger.host('error', line);
    host.logger.flush();
  } else process.stderr.write(line + '\n');
  if (stopping) return;
  stopping = true;
  dying = true;
  const exit = (): never => process.exit(1);
  setTimeout(exit, 2000).unref();
  // The supervisor stops handing connections over; its ack comes after any already in transit (sent back).
  const ack = new Promise<void>((resolve) => (acked = resolve));
  if (process.connected) send({ type: 'dying' });
  else acked?.();
  void Promise.all([host?.failInFlight(), ack]).then(exit, exit);
}
process.on('uncaughtException', (err) => die('Uncaught exception', err));
// Node's default (since 15) makes an unhandled rejection fatal too; the worker keeps that default.
process.on('unhandledRejection', (reason) => die('Unhandled promise rejection', reason));

process.on('message', (msg: ToAppProcess, handle: unknown) => {
  if (msg.type === 'connection') {
    // A bare handle (connectionHandle.ts): nothing is read here unless this process serves it.
    if (isConnection(handle)) {
      if (host && !stopping) host.acceptConnection(handle);
      else if (dying) sendConnection(process, { type: 'requeue' } satisfies FromAppProcess, handle);
      else dropConnection(handle);
    }
    return;
  }
  if (msg.type === 'dyingAck') {
    acked?.();
    return;
  }
  if (msg.type === 'close') {
    void stop(0);
    return;
  }
  const { options } = msg;
  Host.start(options)
    .then((h) => {
      host = h;
      const baseUrl = options.bannerUrl ?? `http://127.0.0.1:${h.port}`;
      if (options.restart) {
        h.logger.host('information', `Language worker process started again (pid ${process.pid}).`);
        h.logger.flush();
      } else h.printBanner(baseUrl);
      send({ type: 'ready', functions: h.functions });
    })
    .catch((err: unknown) => {
      const e = ensureError(err);
      send({ type: 'failed', message: e.message, ...(e.stack ? { stack: e.stack } : {}) }, () =>
        process.exit(1),
      );
    });
});

// The supervisor died or closed the channel: never outlive it (no orphaned hosts holding connections).
process.on('disconnect', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// Ctrl-C reaches the whole process group: the supervisor decides when the app process stops.
process.on('SIGINT', () => undefined);
