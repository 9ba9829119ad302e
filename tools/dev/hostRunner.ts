import { buildApp } from '../build/buildApp';
import { startHost, type RunningHost, type StartHostOptions } from '../host';
import { ensureError } from './errors';

/**
 * Keeps one Functions host running for `dev` and swaps it for a fresh one after a rebuild. A failed build
 * keeps the running host (with the previous build); a host that fails to load is reported and retried on
 * the next change. Reloads never overlap: a change during a reload queues one more.
 */
export class HostRunner {
  private host: RunningHost | undefined;
  private port: number;
  private busy: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(
    private readonly options: StartHostOptions,
    private readonly log: (line: string) => void,
  ) {
    this.port = options.port ?? 7071;
  }

  async start(): Promise<RunningHost> {
    this.host = await startHost({ ...this.options, port: this.port });
    // An ephemeral port is kept across reloads, so the URLs printed at start stay valid.
    this.port = this.host.port;
    return this.host;
  }

  /** Rebuilds and restarts the host; called by the source watcher. */
  reload(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = this.rebuild().finally(() => {
      this.busy = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        this.reload();
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.busy;
    await this.host?.close();
    this.host = undefined;
  }

  private async rebuild(): Promise<void> {
    const t0 = performance.now();
    try {
      await buildApp({ root: this.options.appDir });
    } catch (err) {
      this.log(`[dev] rebuild failed; the host keeps the previous build.\n${ensureError(err).message}`);
      return;
    }
    const built = performance.now();
    if (this.closed) return;
    await this.host?.close();
    this.host = undefined;
    try {
      await this.start();
      this.log(
        `[dev] rebuilt in ${Math.round(built - t0)} ms, host reloaded in ${Math.round(performance.now() - built)} ms`,
      );
    } catch (err) {
      this.log(
        `[dev] the host failed to load the new build; fix and save again.\n${ensureError(err).message}`,
      );
    }
  }
}
