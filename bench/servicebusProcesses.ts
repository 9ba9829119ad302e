import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { spawnTracked } from './children';

export interface Started {
  child: ChildProcess;
  port: number;
}

/**
 * Bundles a TypeScript entry point into one CommonJS file that runs on plain node: the TypeScript loader's own
 * memory and worker thread would otherwise be counted as the broker's.
 */
export async function bundle(root: string, entry: string, outFile: string): Promise<string> {
  await build({
    entryPoints: [join(root, entry)],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  return outFile;
}

/** Runs a bundled script as one node process and waits for its line announcing the port. */
export async function startProcess(
  root: string,
  script: string,
  args: string[],
  portPattern: RegExp,
  timeoutMs = 30_000,
): Promise<Started> {
  const child = spawnTracked(process.execPath, [script, ...args], { cwd: root });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start in ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = portPattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready:\n${out}`));
    });
  });
}

/** Resident set size of a process, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}

export const connectionStringFor = (port: number): string =>
  `Endpoint=sb://127.0.0.1:${port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=bench;UseDevelopmentEmulator=true;`;
