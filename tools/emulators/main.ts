// `npm run emulators -- [--ephemeral-ports] [--data-dir DIR | --in-memory]`: the offline services without our host,
// for Core Tools' `func start`; prints the settings to use. Ctrl-C stops everything.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureError } from '../dev/errors';
import { startEmulators } from './startEmulators';

const { values } = parseArgs({
  options: {
    'ephemeral-ports': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
  },
  strict: true,
});

startEmulators({
  root: resolve(__dirname, '..', '..'),
  ephemeralPorts: values['ephemeral-ports'],
  dataDir: values['in-memory'] ? null : values['data-dir'] ? resolve(values['data-dir']) : undefined,
}).then(
  ({ stack, settings }) => {
    console.log(settings.text);
    if (stack.portalUrl) console.log(`Portal (queues, documents, mail): ${stack.portalUrl}`);
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      stack.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  },
  (err: unknown) => {
    console.error(`emulators: ${ensureError(err).message}`);
    process.exit(1);
  },
);
