import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

export interface CliProcess {
  child: ChildProcess;
  port: number;
  connectionString: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `tools/servicebus/main.ts` as one node process (tsx as a loader, so kill -9 hits the broker itself). */
export async function startCli(args: string[], timeoutMs = 20_000): Promise<CliProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'tools', 'servicebus', 'main.ts'), ...args],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`CLI did not print 'listening' and a connection string in ${timeoutMs} ms:\n${out}`),
        ),
      timeoutMs,
    );
    const check = () => {
      if (/listening/.test(out) && /UseDevelopmentEmulator=true;/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`CLI exited before listening:\n${out}`));
    });
  });
  const connectionString = /(Endpoint=sb:\/\/\S+UseDevelopmentEmulator=true;)/.exec(out)![1]!;
  const port = Number(/sb:\/\/[^:]+:(\d+)/.exec(connectionString)![1]);
  return { child, port, connectionString, output: () => out, exited };
}
