import type { Database } from '@azure/cosmos';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

// Throughput is kept, never enforced: provisioning code (readOffer, replace, autoscale) runs offline.
describe('offline Cosmos DB: throughput offers', () => {
  const offline = useOfflineCosmos({ client: 'sdk' });
  let shared: Database;
  let plain: Database;

  beforeAll(async () => {
    shared = (await offline.client.databases.create({ id: 'sharedRu', throughput: 800 })).database;
    plain = (await offline.client.databases.create({ id: 'plainRu' })).database;
  });

  it('reads the throughput a container was created with, and replaces it', async () => {
    const { container } = await plain.containers.create({
      id: 'manual',
      partitionKey: '/pk',
      throughput: 1000,
    });
    const { resource, offer } = await container.readOffer();
    expect(resource?.content?.offerThroughput).toBe(1000);
    await offer.replace({ ...resource!, content: { ...resource!.content!, offerThroughput: 1500 } });
    expect((await container.readOffer()).resource?.content?.offerThroughput).toBe(1500);
    expect((await offer.read()).resource?.content?.offerThroughput).toBe(1500);
  });

  it('keeps autoscale settings (maxThroughput)', async () => {
    const { container } = await plain.containers.createIfNotExists({
      id: 'auto',
      partitionKey: '/pk',
      maxThroughput: 4000,
    });
    const { resource } = await container.readOffer();
    expect(resource?.content?.offerAutopilotSettings?.maxThroughput).toBe(4000);
  });

  it('gives a container without throughput the default 400 RU/s, and none inside a shared-throughput database', async () => {
    const { container } = await plain.containers.create({ id: 'default', partitionKey: '/pk' });
    expect((await container.readOffer()).resource?.content?.offerThroughput).toBe(400);
    expect((await shared.readOffer()).resource?.content?.offerThroughput).toBe(800);
    const inShared = (await shared.containers.create({ id: 'c', partitionKey: '/pk' })).container;
    expect((await inShared.readOffer()).resource).toBeUndefined();
  });

  it('lists every offer', async () => {
    const { resources } = await offline.client.offers.readAll().fetchAll();
    const sharedRid = (await shared.read()).resource?._rid;
    expect(resources.some((o) => o.offerResourceId === sharedRid)).toBe(true);
    // Every container of the topology has its default offer.
    expect(resources.length).toBeGreaterThan(10);
  });

  it('refuses invalid throughput with 400 and creates nothing', async () => {
    await expect(
      plain.containers.create({ id: 'bad', partitionKey: '/pk', throughput: 350 }),
    ).rejects.toMatchObject({
      code: 400,
    });
    await expect(plain.container('bad').read()).rejects.toMatchObject({ code: 404 });
    await expect(offline.client.databases.create({ id: 'badRu', maxThroughput: 1500 })).rejects.toMatchObject(
      {
        code: 400,
      },
    );
    const { resource, offer } = await plain.container('manual').readOffer();
    await expect(
      offer.replace({ ...resource!, content: { ...resource!.content!, offerThroughput: 10 } }),
    ).rejects.toMatchObject({
      code: 400,
    });
  });

  it('answers populateQuotaInfo with quota and usage headers', async () => {
    const container = plain.container('default');
    await container.items.create({ id: 'q1', pk: 'p' });
    await container.items.create({ id: 'q2', pk: 'p' });
    const { headers } = await container.read({ populateQuotaInfo: true });
    expect(headers['x-ms-resource-quota']).toContain('documentsSize=');
    expect(headers['x-ms-resource-usage']).toContain('documentsCount=2;');
  });
});
