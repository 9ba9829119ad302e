import type { Container } from '@azure/cosmos';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CosmosEmulator } from '../../../tools/cosmos/index';
import type { LeaseDoc } from '../../../tools/host/cosmos/LeaseStore';
import { HostCli } from './cli';
import { startFixtureCosmos } from './fixture';
import { records, waitFor } from './waitFor';

interface BatchRecord {
  ids: string[];
  size?: number;
  retryCount?: number | null;
  lastError?: string;
}

let cosmos: CosmosEmulator;
let items: Container;
let leases: Container;
let dir: string;
let cli: HostCli | undefined;

const env = (): Record<string, string> => ({
  FixtureCosmos: cosmos.connectionString,
  FIXTURE_RECORD_DIR: dir,
});
const idsOf = (name: string): string[] => records<BatchRecord>(dir, name).flatMap((r) => r.ids);
const waitForIds = (name: string, ids: string[], timeoutMs = 15_000): Promise<string[]> =>
  waitFor(
    `${name} to see ${ids.length} ids`,
    () => {
      const seen = new Set(idsOf(name));
      return ids.every((id) => seen.has(id)) ? [...seen] : undefined;
    },
    timeoutMs,
  );
const write = async (ids: string[], extra: Record<string, unknown> = {}): Promise<void> => {
  for (const id of ids) await items.items.create({ id, pk: 'p', ...extra });
};
const range = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'host-cosmos-'));
  const started = await startFixtureCosmos();
  cosmos = started.cosmos;
  items = started.db.container('items');
  leases = started.db.container('leases');
});

afterAll(async () => {
  if (cli) await cli.stop('SIGKILL');
  await cosmos?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function leaseDocs(prefix: string): Promise<LeaseDoc[]> {
  const { resources } = await leases.items.readAll<LeaseDoc>().fetchAll();
  return resources.filter((d) => d.id.startsWith(prefix) && 'LeaseToken' in d);
}

it('delivers existing changes from the beginning in batches of at most maxItemsPerInvocation, leased per prefix', async () => {
  await write(range('a', 25));
  cli = new HostCli(env());
  await cli.ready();
  await waitForIds('cosmosWatcher', range('a', 25));
  const sizes = records<BatchRecord>(dir, 'cosmosWatcher').map((r) => r.size!);
  expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
  const [lease] = await leaseDocs('watch-');
  expect(lease).toMatchObject({
    LeaseToken: '0',
    Owner: expect.stringContaining('cosmosWatcher') as unknown,
  });
  expect(lease!.ContinuationToken).toEqual(expect.any(String));
  expect(lease!.id).toMatch(/^watch-127\.0\.0\.1:\d+_fixturedb_items\.\.0$/);
  expect(await leaseDocs('retry-')).toHaveLength(1);
});

it('creates its lease container when createLeaseContainerIfNotExists is set', async () => {
  await waitForIds('cosmosCreatesLeases', range('a', 25));
  const { resource } = await items.database.container('leases-created').read();
  expect(resource?.partitionKey?.paths).toEqual(['/id']);
});

it('retries a failing batch under its retry policy and skips nothing', async () => {
  await waitForIds('cosmosRetry', range('a', 25));
  const recs = records<BatchRecord>(dir, 'cosmosRetry');
  expect(recs.every((r) => (r.retryCount ?? 0) >= 1)).toBe(true);
  expect(recs[0]!.lastError).toBe('transient failure on the first attempt');
});

it('without a retry policy checkpoints a failed batch, losing it, and warns loudly', async () => {
  await write(['poison-1'], { poison: true });
  await waitForIds('cosmosWatcher', ['poison-1']);
  await cli!.waitForOutput(
    /WARNING: Function 'cosmosWatcher' failed on a batch of 1 change\(s\).*NO retry policy.*LOST/,
  );
  await write(['after-poison']);
  await waitForIds('cosmosWatcher', ['after-poison']);
  // Checkpointed past it: the poison document was delivered once and never again.
  expect(idsOf('cosmosWatcher').filter((id) => id === 'poison-1')).toHaveLength(1);
});

it('releases leases on a clean stop and resumes from the checkpoint on restart', async () => {
  expect(await cli!.stop('SIGINT')).toBe(0);
  const released = await leaseDocs('watch-');
  expect(released[0]!.Owner).toBeNull();
  const before = idsOf('cosmosWatcher').length;
  await write(range('b', 5));
  cli = new HostCli(env());
  await cli.ready();
  await waitForIds('cosmosWatcher', range('b', 5));
  await waitForIds('cosmosRetry', range('b', 5));
  // Only the new changes: nothing from before the restart is delivered again.
  const after = idsOf('cosmosWatcher').slice(before);
  expect(after.sort()).toEqual(range('b', 5).sort());
});
