import { ChangeFeedStartFrom } from '@azure/cosmos';
import { startCosmosEmulator } from '../../../tools/cosmos';
import { createServer } from 'node:net';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

describe('offline Cosmos DB: topology and CRUD', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });

  it('creates every database and container of the topology with its partition key and TTL', async () => {
    const { resource } = await offline.client.database('orders').container('orders').read();
    expect(resource?.partitionKey?.paths).toEqual(['/customerId']);
    expect(resource?.defaultTtl).toBe(-1);
    const { resources } = await offline.client.database('identity').containers.readAll().fetchAll();
    expect(resources.map((c) => c.id).sort()).toEqual([
      'loginThrottle',
      'refreshTokens',
      'resetTokens',
      'users',
    ]);
  });

  it('serves create, read, replace, conditional replace and delete through the official SDK', async () => {
    const container = offline.client.database('analytics').container('dashboards');
    const { resource: created } = await container.items.create({ id: 'd1', n: 1 });
    const item = container.item('d1', 'd1');
    expect((await item.read<{ n: number }>()).resource?.n).toBe(1);
    await item.replace(
      { id: 'd1', n: 2 },
      { accessCondition: { type: 'IfMatch', condition: created!._etag } },
    );
    await expect(
      item.replace({ id: 'd1', n: 3 }, { accessCondition: { type: 'IfMatch', condition: created!._etag } }),
    ).rejects.toMatchObject({ code: 412 });
    await item.delete();
    expect((await item.read()).statusCode).toBe(404);
  });

  it('answers a point read with a matching If-None-Match with 304, as Cosmos DB does', async () => {
    const container = offline.client.database('analytics').container('dashboards');
    const { resource } = await container.items.create({ id: 'p1' });
    const url = `${offline.emulator.endpoint}dbs/analytics/colls/dashboards/docs/p1`;
    const headers = { 'x-ms-documentdb-partitionkey': '["p1"]', 'if-none-match': resource!._etag };
    expect((await fetch(url, { headers })).status).toBe(304);
    expect((await fetch(url, { headers: { ...headers, 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('keeps the documents and the change feed of a container whose definition is replaced', async () => {
    const container = offline.client.database('alerts').container('deadLetters');
    await container.items.create({ id: 'kept' });
    const { resource } = await container.read();
    await container.replace({ ...resource!, id: 'deadLetters', defaultTtl: 60 });
    expect((await container.read()).resource?.defaultTtl).toBe(60);
    expect((await container.item('kept', 'kept').read()).statusCode).toBe(200);
    const page = await container.items
      .getChangeFeedIterator({ changeFeedStartFrom: ChangeFeedStartFrom.Beginning() })
      .readNext();
    expect(page.result.map((d: { id: string }) => d.id)).toEqual(['kept']);
  });

  it('advertises its plain-HTTP address, so endpoint discovery needs no switch', async () => {
    const { resource } = await offline.client.getDatabaseAccount();
    expect(resource?.writableLocations[0]?.databaseAccountEndpoint).toBe(offline.emulator.endpoint);
  });

  it('refuses a busy port with an error naming it', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    await expect(startCosmosEmulator({ port })).rejects.toThrow(new RegExp(`port ${port} is already in use`));
    await new Promise((done) => blocker.close(done));
  });
});
