import { CosmosClient, type Container } from '@azure/cosmos';
import { join } from 'node:path';
import { startCosmosEmulator, type CosmosEmulator } from '../../../../tools/cosmos/index';
import { LeaseStore } from '../../../../tools/host/cosmos/LeaseStore';
import { FIXTURE_APP } from '../fixture';

let cosmos: CosmosEmulator;
let leases: Container;
const monitored = { account: 'acct', database: 'db', container: 'c' };
const ranges = [{ minInclusive: '', maxExclusive: 'FF' }];

beforeAll(async () => {
  cosmos = await startCosmosEmulator({ port: 0, topology: join(FIXTURE_APP, 'topology.json') });
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  leases = client.database('fixturedb').container('leases');
});

afterAll(() => cosmos?.close());

it('creates one lease per feed range once, under the prefix', async () => {
  const a = new LeaseStore(leases, 'ls1-', monitored, 'a', 60_000);
  const [first] = await a.ensure(ranges);
  const [again] = await new LeaseStore(leases, 'ls1-', monitored, 'b', 60_000).ensure(ranges);
  expect(first!.id).toBe('ls1-acct_db_c..0');
  expect(again!.id).toBe(first!.id);
  expect(first).toMatchObject({
    LeaseToken: '0',
    ContinuationToken: null,
    Owner: null,
    FeedRange: { Range: { min: '', max: 'FF' } },
  });
});

it('leaves a live lease of another instance alone and lets its owner take it back after a restart', async () => {
  const a = new LeaseStore(leases, 'ls2-', monitored, 'a', 60_000);
  const b = new LeaseStore(leases, 'ls2-', monitored, 'b', 60_000);
  const [doc] = await a.ensure(ranges);
  const held = await a.acquire(doc!);
  expect(held?.Owner).toBe('a');
  expect(await b.acquire(doc!)).toBeUndefined();
  // Same owner name after a restart (kill -9): taken back at once, no expiry wait.
  expect((await new LeaseStore(leases, 'ls2-', monitored, 'a', 60_000).acquire(doc!))?.Owner).toBe('a');
});

it('takes over an expired lease, after which the old owner can no longer checkpoint', async () => {
  const a = new LeaseStore(leases, 'ls3-', monitored, 'a', 60_000);
  const [doc] = await a.ensure(ranges);
  const held = (await a.acquire(doc!))!;
  const saved = (await a.checkpoint(held, 'cont-1'))!;
  // Expiry 0: every lease counts as expired for b.
  const taken = await new LeaseStore(leases, 'ls3-', monitored, 'b', 0).acquire(doc!);
  expect(taken).toMatchObject({ Owner: 'b', ContinuationToken: 'cont-1' });
  expect(await a.checkpoint(saved, 'cont-2')).toBeUndefined();
});

it('releases a lease on a clean stop', async () => {
  const a = new LeaseStore(leases, 'ls4-', monitored, 'a', 60_000);
  const [doc] = await a.ensure(ranges);
  const held = (await a.acquire(doc!))!;
  await a.release(held);
  const { resource } = await leases.item(held.id, held.id).read<{ Owner: string | null }>();
  expect(resource?.Owner).toBeNull();
});
