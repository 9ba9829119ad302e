// `npm run host -- [--cwd APP_DIR] [--port N] [--host ADDR] [--quiet] [--enableAuth]`: like `func start`, runs the app against whatever its
// settings point at, starting no offline service.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readLocalSettings } from './app/settings';
import { Supervisor } from './supervisor/Supervisor';
import { ensureError } from './errors';

const { values } = parseArgs({
  options: {
    cwd: { type: 'string' },
    port: { type: 'string', short: 'p' },
    // Loopback by default: the banner's URL is the only way in. `--host 0.0.0.0` opens it to the network.
    host: { type: 'string', default: '127.0.0.1' },
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

let sup: Supervisor | undefined;
let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the host...`);
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  (sup?.close() ?? Promise.resolve())
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      console.error(ensureError(err).message);
      process.exit(1);
    });
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

const hostname = values.host;
// func start prints localhost; a specific interface is shown as given.
const shown = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(hostname) ? 'localhost' : hostname;
Supervisor.start({
  port: port ?? readLocalSettings(appDir).Host.LocalHttpPort ?? 7071,
  hostname,
  bannerUrl: (p) => `http://${shown.includes(':') ? `[${shown}]` : shown}:${p}`,
  options: { appDir, quiet: values.quiet, enableAuth: values.enableAuth || values['enable-auth'] },
})
  .then((s) => {
    sup = s;
    if (stopping) void s.close();
  })
  .catch((err: unknown) => {
    const e = ensureError(err);
    console.error(`The host failed to start: ${e.stack ?? e.message}`);
    process.exit(1);
  });
