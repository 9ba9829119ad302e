/**
 * A fresh host process for the benches. hostProcess.ts bundles a two-line entry (tools/host's in-process
 * `Host.start` handed to runHostMain) with esbuild, run by plain `node`, so what is timed is the host and the app, not a
 * TypeScript loader. argv[2] is the app folder; settings come from the process environment. Prints
 * `{"host": {...}}` once it listens on 127.0.0.1.
 */
import { resolve } from 'node:path';

export interface StartedHost {
  port: number;
  functions: Array<{ name: string; trigger: string; route?: string; methods?: string[] }>;
  close(): Promise<void>;
}

/** tools/host's in-process start (Host.start): one app per process, as the Node worker runs. */
export type StartHost = (opts: { appDir: string; port?: number; quiet?: boolean }) => Promise<StartedHost>;

export function runHostMain(startHost: StartHost): void {
  const appDir = resolve(process.argv[2] ?? '.');
  startHost({ appDir, port: 0, quiet: process.env.BENCH_VERBOSE !== '1' })
    .then((host) => {
      const stop = (): void => {
        void host.close().finally(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.stdin.on('end', stop);
      process.stdin.resume();
      process.stdout.write(
        JSON.stringify({
          host: { port: host.port, baseUrl: `http://127.0.0.1:${host.port}`, functions: host.functions },
        }) + '\n',
      );
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
