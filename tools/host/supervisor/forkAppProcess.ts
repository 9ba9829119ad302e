import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function tsxArgv(): string[] {
  const argv = process.execArgv.filter((a) => !a.startsWith('--inspect'));
  if (!argv.some((a) => a.includes('tsx'))) argv.push('--import', pathToFileURL(require.resolve('tsx')).href);
  return argv;
}

/** Forks the app process (`child.ts`) in the app's folder, as the Functions host starts the worker in the app root. */
export function forkAppProcess(appDir: string): ChildProcess {
  return fork(join(__dirname, '..', 'child.ts'), [], {
    cwd: appDir,
    execArgv: tsxArgv(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: process.env,
  });
}
