import { pathToFileURL } from 'node:url';
import { withArguments } from './nodeWorkerArguments';

/**
 * The node flags of a process this host forks to run `script` (the app process, an HTTP worker): this process's
 * own, without debugger flags (every child would fight for the parent's inspector port), with tsx's loader when
 * the script is TypeScript and it is not loaded already, then the app's `languageWorkers__node__arguments`.
 */
export function childExecArgv(script: string, nodeArguments: string[]): string[] {
  const argv = process.execArgv.filter((a) => !a.startsWith('--inspect'));
  if (script.endsWith('.ts') && !argv.some((a) => a.includes('tsx')))
    argv.push('--import', pathToFileURL(require.resolve('tsx')).href);
  return withArguments(argv, nodeArguments);
}
