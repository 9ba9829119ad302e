// Entry of the host process that `startHost` forks: one app per process, as the Functions host runs one worker.
import { Host, type HostOptions } from './Host';
import { ensureError } from './errors';

interface StartMessage {
  type: 'start';
  options: HostOptions;
}

let host: Host | undefined;
let stopping = false;

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await host?.close();
  } finally {
    process.exit(code);
  }
}

process.on('message', (msg: StartMessage | { type: 'close' }) => {
  if (msg.type === 'close') {
    void stop(0);
    return;
  }
  Host.start(msg.options)
    .then((h) => {
      host = h;
      const baseUrl = `http://127.0.0.1:${h.port}`;
      h.printBanner(baseUrl);
      process.send?.({ type: 'ready', port: h.port, functions: h.functions });
    })
    .catch((err: unknown) => {
      const e = ensureError(err);
      process.send?.({ type: 'failed', message: e.message, stack: e.stack }, () => process.exit(1));
    });
});

// The parent died or closed the channel: never outlive it (no orphaned hosts holding ports).
process.on('disconnect', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
