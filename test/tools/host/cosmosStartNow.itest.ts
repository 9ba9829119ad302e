import type { Container } from '@azure/cosmos';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CosmosEmulator } from '../../../tools/cosmos/index';
import type { LeaseDoc } from '../../../tools/host/cosmos/LeaseStore';
import { startHost, type RunningHost } from '../../../tools/host/index';
import { startFixtureCosmos } from './fixture';
import { records, waitFor } from './waitFor';

// A Cosmos DB trigger whose lease is new starts "now". That point must be fixed before the host reports itself
// started or answers HTTP: the crash e2e lost its first orders when the relay's first change-feed read came after
// the client had already created them (the lease then checkpointed past them, so they were never published).
const APP = join(__dirname, 'startNow-app');

let cosmos: CosmosEmulator | undefined;
let host: RunningHost | undefined;
let items: Container;
let dir: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'host-now-'));
  const started = await startFixtureCosmos();
  cosmos = started.cosmos;
  items = started.db.container('items');
});

afterEach(async () => {
  await host?.close();
  host = undefined;
  await cosmos?.close();
  rmSync(dir, { recursive: true, force: true });
});

const settings = (): Record<string, string> => ({
  NowCosmos: cosmos!.connectionString,
  NOW_RECORD_DIR: dir,
});

const delivered = (id: string): Promise<true> =>
  waitFor(
    `the trigger to be given '${id}' (a change written after the host started must never be skipped)`,
    () => (records<{ ids: string[] }>(dir, 'startNow').some((r) => r.ids.includes(id)) ? true : undefined),
    10_000,
  );

it('has recorded where "now" is in its lease when startHost resolves, and delivers a change written right after', async () => {
  host = await startHost({ appDir: APP, port: 0, quiet: true, env: settings() });
  // Read before anything else: the start point must already be checkpointed, not left to a later first poll.
  const { resources } = await items.database.container('leases').items.readAll<LeaseDoc>().fetchAll();
  const lease = resources.find((d) => d.id.startsWith('now-') && 'LeaseToken' in d);
  expect(lease?.ContinuationToken).toEqual(expect.any(String));
  await items.items.create({ id: 'right-after-start', pk: 'p' });
  await delivered('right-after-start');
});

it('answers HTTP only once its triggers have started, so a change written after the first answer is delivered', async () => {
  const port = await freePort();
  const starting = startHost({ appDir: APP, port, quiet: true, env: settings() });
  // A client of the host, as the e2e tests are: it writes as soon as the host answers.
  let answered = false;
  const deadline = Date.now() + 20_000;
  while (!answered && Date.now() < deadline) {
    answered = await fetch(`http://127.0.0.1:${port}/api/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (!answered) await new Promise((r) => setTimeout(r, 5));
  }
  expect(answered).toBe(true);
  await items.items.create({ id: 'right-after-first-answer', pk: 'p' });
  host = await starting;
  await delivered('right-after-first-answer');
});
