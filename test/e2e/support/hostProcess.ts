import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ChildService } from '../../../tools/soak/childService';

const ROOT = resolve(__dirname, '..', '..', '..');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

/**
 * The host CLI (`npm run host`) as a child process, run directly with node + tsx so that a kill -9 hits the
 * host itself and not an npm wrapper. Settings come through the environment, which wins over local.settings.json.
 * The process handling is the soak's ChildService (one implementation of kill -9 and restart).
 */
export class HostProcess {
  private readonly service: ChildService;

  constructor(
    private readonly port: number,
    env: Record<string, string>,
  ) {
    this.service = new ChildService({
      name: 'host',
      root: ROOT,
      script: 'tools/host/main.ts',
      args: ['--port', String(port), '--quiet'],
      env,
      ready: () => fetch(`${this.baseUrl}/api/health`).then((r) => r.ok),
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get output(): string {
    return this.service.output;
  }

  async start(timeoutMs = 30_000): Promise<void> {
    await this.service.start(timeoutMs);
  }

  /** kill -9: no shutdown hook runs, no lease is released, no message is settled. */
  kill9(): Promise<void> {
    return this.service.kill9();
  }

  stop(): Promise<void> {
    return this.service.stop();
  }
}
