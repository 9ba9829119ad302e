import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withArguments } from '../app/nodeWorkerArguments';

function tsxArgv(): string[] {
  const argv = process.execArgv.filter((a) => !a.startsWith('--inspect'));
  if (!argv.some((a) => a.includes('tsx'))) argv.push('--import', pathToFileURL(require.resolve('tsx')).href);
  return argv;
}

/**
 * Forks the app process (`child.ts`) in the app's folder, as the Functions host starts the worker in the app root,
 * with the node arguments of `languageWorkers__node__arguments` as the Functions host passes them.
 */
export function forkAppProcess(appDir: string, nodeArguments: string[] = []): ChildProcess {
  return fork(join(__dirname, '..', 'child.ts'), [], {
    cwd: appDir,
    execArgv: withArguments(tsxArgv(), nodeArguments),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: process.env,
  });
}
