import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DevProcess,
  cleanCopy,
  copyBuild,
  descendants,
  isRunning,
  processIdentity,
  removeCopy,
  stillRunning,
} from './devProcess';

const READY = /ready in ([\d.]+) s, listening on (\S+)/;
// Generous: the whole suite runs on 2 shared cores. The start-up figure itself is measured in bench/.
const START_MS = 120_000;

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers: { connection: 'close' } });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** Polls a condition that no event announces (another process exiting), failing after `timeoutMs`. */
async function until(ok: () => boolean, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(why());
    await new Promise((done) => setTimeout(done, 100));
  }
}

function identitiesOf(pids: number[]): string[] {
  return pids.flatMap((pid) => processIdentity(pid) ?? []);
}

describe('npm run dev', () => {
  let dir: string;
  let dev: DevProcess | undefined;
  beforeEach(() => {
    dir = cleanCopy();
  });
  afterEach(async () => {
    await dev?.stop('SIGKILL', 10_000).catch(() => undefined);
    dev = undefined;
    removeCopy(dir);
  });

  it('on a clean clone serves /api/health, reloads on a source change, and Ctrl-C leaves no process', async () => {
    dev = new DevProcess(dir, ['--ephemeral-ports', '--in-memory']);
    const [, , api] = await dev.waitFor(READY, START_MS, 'ready line');
    expect(await get(`${api}/health`)).toEqual({ status: 200, body: { status: 'ok' } });

    // First run: local.settings.json made from the sample with a fresh secret that is never printed.
    const settings = JSON.parse(readFileSync(join(dir, 'local.settings.json'), 'utf8')) as {
      Values: Record<string, string>;
    };
    const jwt = settings.Values.JWT_KEYS ?? '';
    expect(jwt).toMatch(/^local=[A-Za-z0-9_-]{43}$/);
    expect(dev.output).not.toContain(jwt.slice('local='.length));
    for (const name of ['CosmosDB=', 'ServiceBusConnection=', 'AzureWebJobsStorage=', 'SMTP_URL=']) {
      expect(dev.output).toContain(name);
    }
    // The local portal is up and printed, with its strict page headers.
    const portal = /Portal\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(dev.output)?.[1];
    expect(portal).toBeDefined();
    expect((await fetch(portal!)).headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);

    const processes = new Set(identitiesOf(descendants(dev.child.pid!)));
    // The host and Azurite run in child processes of their own.
    expect(processes.size).toBeGreaterThanOrEqual(2);

    // A save that does not compile keeps the running host; fixing it reloads.
    const probe = join(dir, 'functions', 'gateway', 'devProbe.ts');
    writeFileSync(probe, "import { app } from '@azure/functions';\napp.http('devProbe', {\n");
    await dev.waitFor(/rebuild failed/, START_MS, 'a failed rebuild after a broken save');
    expect(await get(`${api}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
    writeFileSync(
      probe,
      "import { app } from '@azure/functions';\n" +
        "app.http('devProbe', { methods: ['GET'], route: 'dev-probe', authLevel: 'anonymous',\n" +
        '  handler: () => Promise.resolve({ jsonBody: { reloaded: true } }) });\n',
    );
    await dev.waitFor(/host reloaded/, START_MS, 'reload after a source change');
    expect(await get(`${api}/dev-probe`)).toEqual({ status: 200, body: { reloaded: true } });
    for (const id of identitiesOf(descendants(dev.child.pid!))) processes.add(id);

    expect(await dev.stop('SIGINT', 30_000)).toBe(0);
    // A grandchild may still be tearing down for a moment after its parent exits: wait for it, bounded.
    await until(
      () => stillRunning(processes).length === 0,
      10_000,
      () => `still running after Ctrl-C: ${stillRunning(processes).join('; ')}`,
    );
    await expect(fetch(`${api}/health`)).rejects.toThrow();
    // A clean-clone build, a start and two rebuilds: each wait is bounded by START_MS, not jest's 60 s default.
  }, 4 * START_MS);

  it('runs against Azure what local.settings.json points there (hybrid); kill -9 leaves no orphan', async () => {
    // The clean-clone build is proven above; reuse the repository's build (npm test builds first) when there is one.
    copyBuild(dir);
    const sample = JSON.parse(readFileSync(join(dir, 'local.settings.sample.json'), 'utf8')) as {
      Values: Record<string, string>;
    };
    const values: Record<string, string> = {
      ...sample.Values,
      JWT_KEYS: `k=${Buffer.alloc(32, 1).toString('base64url')}`,
    };
    values.CosmosDB__accountEndpoint = 'https://contoso-orders.documents.azure.com:443/';
    // Service Bus stays offline here: a host whose receivers cannot reach a namespace takes ~20 s to stop, and
    // the Service Bus half of the decision is covered by servicePlan.test.ts.
    writeFileSync(join(dir, 'local.settings.json'), JSON.stringify({ IsEncrypted: false, Values: values }));

    dev = new DevProcess(dir, ['--ephemeral-ports', '--in-memory', '--no-watch']);
    const [, , api] = await dev.waitFor(READY, START_MS, 'ready line');
    expect(dev.output).toMatch(/cosmos\s+Azure\s+\(CosmosDB__accountEndpoint=https:\/\/contoso-orders/);
    expect(dev.output).toMatch(/serviceBus\s+offline/);
    expect(dev.output).toMatch(/storage\s+offline/);
    expect(dev.output).not.toMatch(/^\s+CosmosDB=/m);
    expect(dev.output).toMatch(/^\s+ServiceBusConnection=/m);
    expect(await get(`${api}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(existsSync(join(dir, 'local.settings.json'))).toBe(true);

    // Killed outright, dev cannot stop anything: its children notice the lost parent and exit on their own.
    const children = descendants(dev.child.pid!);
    expect(children.length).toBeGreaterThanOrEqual(2);
    await dev.stop('SIGKILL', 10_000);
    await until(
      () => children.filter(isRunning).length === 0,
      30_000,
      () => `still running: ${children.filter(isRunning).join(', ')}`,
    );
  });
});
