import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { childExecArgv } from '../app/childExecArgv';

/**
 * Forks the app process (`child.ts`) in the app's folder, as the Functions host starts the worker in the app root,
 * with the node arguments of `languageWorkers__node__arguments` as the Functions host passes them.
 */
export function forkAppProcess(appDir: string, nodeArguments: string[] = []): ChildProcess {
  const script = join(__dirname, '..', 'child.ts');
  return fork(script, [], {
    cwd: appDir,
    execArgv: childExecArgv(script, nodeArguments),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: process.env,
  });
}
