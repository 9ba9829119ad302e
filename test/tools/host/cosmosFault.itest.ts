import type { Container } from '@azure/cosmos';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CosmosEmulator } from '../../../tools/cosmos/index';
import { HostCli } from './cli';
import { startFixtureCosmos } from './fixture';
import { records, waitFor } from './waitFor';

// Fault test: kill -9 the host while 500 documents are being written, start it again; every change must reach
// the Cosmos DB trigger at least once, and with a retry policy and transient failures nothing may be skipped.
const TOTAL = 500;
let cosmos: CosmosEmulator;
let items: Container;
let dir: string;
const hosts: HostCli[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'host-fault-'));
  const started = await startFixtureCosmos();
  cosmos = started.cosmos;
  items = started.db.container('items');
});

afterAll(async () => {
  for (const h of hosts) await h.stop('SIGKILL');
  await cosmos?.close();
  rmSync(dir, { recursive: true, force: true });
});

const seen = (name: string): Set<string> =>
  new Set(records<{ ids: string[] }>(dir, name).flatMap((r) => r.ids));

it('delivers every change at least once across a kill -9 of the host, with and without failures', async () => {
  const env = { FixtureCosmos: cosmos.connectionString, FIXTURE_RECORD_DIR: dir };
  const first = new HostCli(env);
  hosts.push(first);
  await first.ready();

  const ids = Array.from({ length: TOTAL }, (_, i) => `doc-${String(i).padStart(3, '0')}`);
  let written = 0;
  const writer = (async () => {
    // Eight writers in flight, as a busy API would write.
    const queue = [...ids];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          await items.items.create({ id, pk: `p${written % 7}`, n: written });
          written++;
        }
      }),
    );
  })();

  // Kill once the host is demonstrably in the middle of the stream.
  await waitFor(
    'the host to process some changes',
    () => (seen('cosmosWatcher').size >= 50 ? true : undefined),
    20_000,
    5,
  );
  expect(await first.stop('SIGKILL')).toBe('SIGKILL');
  const killedAt = written;

  const second = new HostCli(env);
  hosts.push(second);
  await second.ready();
  await writer;
  expect(killedAt).toBeLessThan(TOTAL);

  for (const fn of ['cosmosWatcher', 'cosmosRetry']) {
    await waitFor(
      `${fn} to see all ${TOTAL} changes`,
      () => {
        const s = seen(fn);
        return ids.every((id) => s.has(id)) ? true : undefined;
      },
      30_000,
      50,
    );
  }
  expect(second.output).not.toMatch(/LOST/);
  await second.stop('SIGINT');
});
