// `npm run soak -- [--minutes N] [--clients N] [--data-dir DIR] [--poison-every-s N] [--drain-timeout-s N] [--max-backlog N]
// [--servicebus-config FILE]`: the whole stack under load and faults; exits non-zero unless every check holds.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureError } from './errors';
import { runSoak } from './runSoak';
import { formatFigures } from './soakFigures';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    clients: { type: 'string', default: '16' },
    'data-dir': { type: 'string' },
    'poison-every-s': { type: 'string', default: '5' },
    'drain-timeout-s': { type: 'string', default: '180' },
    'max-backlog': { type: 'string', default: '200' },
    'servicebus-config': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  strict: true,
});

const number = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got '${v}'`);
  return n;
};

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const base = process.env.INIT_CWD ?? process.cwd();
  // The default dir is the soak's own and is emptied; a dir given by hand must be empty (the checks assume
  // the stores hold this run's data only).
  const dataDir = values['data-dir'] ? resolve(base, values['data-dir']) : join(root, '.data', 'soak');
  if (!values['data-dir']) rmSync(dataDir, { recursive: true, force: true });
  else if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new Error(`--data-dir ${dataDir} is not empty: give the soak a fresh directory`);
  mkdirSync(dataDir, { recursive: true });
  const load0 = loadavg();
  const result = await runSoak({
    root,
    minutes: number('minutes', values.minutes),
    clients: Math.round(number('clients', values.clients)),
    dataDir,
    poisonEveryMs: number('poison-every-s', values['poison-every-s']) * 1000,
    drainTimeoutMs: number('drain-timeout-s', values['drain-timeout-s']) * 1000,
    maxBacklog: number('max-backlog', values['max-backlog']),
    ...(values['servicebus-config'] ? { serviceBusConfig: resolve(base, values['servicebus-config']) } : {}),
  });
  const lines = [
    '',
    ...formatFigures(result.figures),
    `load average (1/5/15 min) at start ${load0.map((l) => l.toFixed(2)).join('/')}, at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join('/')}`,
    '',
    ...result.verdicts.map((v) => `${v.ok ? 'PASS' : 'FAIL'} ${v.name}: ${v.detail}`),
    '',
    result.ok ? 'soak passed' : 'soak FAILED',
  ];
  console.log(lines.join('\n'));
  if (values.json) console.log(JSON.stringify(result));
  process.exitCode = result.ok ? 0 : 1;
}

// Ctrl-C or a kill: exit, so that the exit hook of ChildService ends the stack's processes.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().then(
  () => process.exit(),
  (err: unknown) => {
    console.error(`soak: ${ensureError(err).stack ?? ensureError(err).message}`);
    process.exit(2);
  },
);
