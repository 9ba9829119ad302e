// `npm run host -- [--cwd APP_DIR] [--port N] [--quiet] [--enableAuth]`: like `func start`, runs the app against whatever its
// settings point at, starting no offline service.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Host } from './Host';
import { ensureError } from './errors';

const { values } = parseArgs({
  options: {
    cwd: { type: 'string' },
    port: { type: 'string', short: 'p' },
    quiet: { type: 'boolean', default: false },
    // Core Tools' own flag (func start --enableAuth); the kebab-case spelling is accepted too.
    enableAuth: { type: 'boolean', default: false },
    'enable-auth': { type: 'boolean', default: false },
  },
  strict: true,
});

// npm runs scripts from the package root; a relative --cwd means relative to where the user typed the command.
const base = process.env.INIT_CWD ?? process.cwd();
const appDir = values.cwd ? resolve(base, values.cwd) : resolve(__dirname, '..', '..');
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
  console.error(`--port must be an integer 0-65535, got ${values.port}`);
  process.exit(2);
}

// The Functions host starts the worker in the app root: the app's relative paths (./data.txt) resolve there.
try {
  process.chdir(appDir);
} catch (err) {
  console.error(`--cwd ${appDir}: ${ensureError(err).message}`);
  process.exit(2);
}

let host: Host | undefined;
let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the host...`);
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  (host?.close() ?? Promise.resolve())
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      console.error(ensureError(err).message);
      process.exit(1);
    });
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

Host.start({
  appDir,
  quiet: values.quiet,
  enableAuth: values.enableAuth || values['enable-auth'],
  ...(port === undefined ? {} : { port }) })
  .then((h) => {
    host = h;
    h.printBanner(`http://localhost:${h.port}`);
    if (stopping) void h.close();
  })
  .catch((err: unknown) => {
    const e = ensureError(err);
    console.error(`The host failed to start: ${e.stack ?? e.message}`);
    process.exit(1);
  });
