import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(__dirname, '..', '..', '..');

/**
 * Runs the emulator's CLI (`tools/cosmos/main.ts --port 0 --data-dir dir`) in a child process, so a test can kill it
 * with SIGKILL, and resolves with the endpoint from its "listening" line; `lines` keeps growing with its output.
 */
export async function spawnCosmosCli(
  dataDir: string,
  args: string[] = [],
): Promise<{ child: ChildProcess; endpoint: string; exited: Promise<unknown>; lines: string[] }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'tools', 'cosmos', 'main.ts'),
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...args,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((done) => child.once('exit', done));
  const lines: string[] = [];
  const output = createInterface({ input: child.stdout });
  output.on('line', (line) => lines.push(line));
  try {
    const endpoint = await new Promise<string>((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error('emulator CLI printed no "listening" line in 20 s')),
        20_000,
      );
      output.on('line', (line) => {
        const m = /listening on (\S+)/.exec(line);
        if (m?.[1]) {
          clearTimeout(timer);
          done(m[1]);
        }
      });
      child.once('exit', (code) => fail(new Error(`emulator CLI exited early with ${String(code)}`)));
    });
    return { child, endpoint, exited, lines };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}
