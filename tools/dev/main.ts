// `npm run dev -- [--ephemeral-ports] [--data-dir DIR | --in-memory] [--no-watch] [--rebuild]`: the whole system offline
// (or hybrid, per local.settings.json), rebuilt and reloaded on source changes. Ctrl-C stops everything.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { printBanner } from './banner';
import { startDevStack, type DevStack } from './devStack';
import { ensureError } from './errors';

const { values } = parseArgs({
  options: {
    'ephemeral-ports': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    'no-watch': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    root: { type: 'string' },
  },
  strict: true,
});

const root = values.root ? resolve(values.root) : resolve(__dirname, '..', '..');
let stopping = false;

const starting: Promise<DevStack> = startDevStack({
  root,
  ephemeralPorts: values['ephemeral-ports'],
  dataDir: values['in-memory'] ? null : values['data-dir'] ? resolve(values['data-dir']) : undefined,
  watch: !values['no-watch'],
  rebuild: values.rebuild,
});

function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`\n[dev] ${signal}: stopping every service...`);
  // A stuck service must not keep the terminal: leave after 20 s whatever happens (children exit with us).
  setTimeout(() => process.exit(1), 20_000).unref();
  // Stopped while still starting: let the start finish (or fail, closing what it started), then close.
  starting
    .then(
      (stack) => stack.close(),
      () => undefined,
    )
    .then(
      () => {
        console.log('[dev] stopped');
        process.exit(0);
      },
      (err: unknown) => {
        console.error(`[dev] stop failed: ${ensureError(err).message}`);
        process.exit(1);
      },
    );
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));

starting.then(
  (stack) => {
    if (!stopping) printBanner(stack);
  },
  (err: unknown) => {
    console.error(`[dev] failed to start: ${ensureError(err).message}`);
    process.exit(1);
  },
);
