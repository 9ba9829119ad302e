import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURE_APP } from './fixture';

const MAIN = join(__dirname, '..', '..', '..', 'tools', 'host', 'main.ts');

/** The host CLI (`npm run host`) as a child process: one process, so kill -9 kills the host itself. */
export class HostCli {
  readonly child: ChildProcess;
  #out = '';
  port = 0;

  constructor(env: Record<string, string>, appDir = FIXTURE_APP, args: string[] = []) {
    this.child = spawn(
      process.execPath,
      ['--import', pathToFileURL(require.resolve('tsx')).href, MAIN, '--cwd', appDir, '--port', '0', ...args],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group: SIGKILL goes to the host and the app process it runs at once, as a crash of
        // the machine (or of Core Tools with its worker) would.
        detached: true,
      },
    );
    this.child.stdout!.on('data', (c: Buffer) => (this.#out += c.toString()));
    this.child.stderr!.on('data', (c: Buffer) => (this.#out += c.toString()));
  }

  get output(): string {
    return this.#out;
  }

  /** Resolves when the output matches; fails with the output so far after `timeoutMs` or if the process exits. */
  waitForOutput(re: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const m = this.#out.match(re);
        if (m) {
          cleanup();
          resolve(m);
        }
        return !!m;
      };
      const onExit = (): void => {
        cleanup();
        reject(new Error(`host exited before ${re} appeared. Output:\n${this.#out}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${re}. Output:\n${this.#out}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.stdout!.off('data', check);
        this.child.stderr!.off('data', check);
        this.child.off('exit', onExit);
      };
      if (check()) return;
      this.child.stdout!.on('data', check);
      this.child.stderr!.on('data', check);
      this.child.once('exit', onExit);
    });
  }

  async ready(): Promise<string> {
    const m = await this.waitForOutput(/Host listening on (http:\/\/\S+)/);
    this.port = Number(new URL(m[1]!).port);
    return `http://127.0.0.1:${this.port}`;
  }

  /** Sends a signal (SIGKILL: to the whole process group) and resolves with the host's exit code or signal name. */
  stop(signal: NodeJS.Signals = 'SIGINT', timeoutMs = 20_000): Promise<number | string> {
    return new Promise((resolve, reject) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        return resolve(this.child.exitCode ?? this.child.signalCode!);
      const timer = setTimeout(
        () => reject(new Error(`host did not exit after ${signal}. Output:\n${this.#out}`)),
        timeoutMs,
      );
      this.child.once('exit', (code, sig) => {
        clearTimeout(timer);
        resolve(code ?? sig ?? -1);
      });
      if (signal === 'SIGKILL') {
        try {
          process.kill(-this.child.pid!, 'SIGKILL');
        } catch {
          this.child.kill(signal);
        }
      } else this.child.kill(signal);
    });
  }
}
