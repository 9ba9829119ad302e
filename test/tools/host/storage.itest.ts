import { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { BlobServiceClient } from '@azure/storage-blob';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite, type RunningAzurite } from '../../../tools/azurite/index';
import { startHost, type RunningHost } from '../../../tools/host/index';
import { records, waitFor, waitForAsync } from './waitFor';

const APP = join(__dirname, '..', '..', 'fixtures', 'storage-app');
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8');

let azurite: RunningAzurite;
let host: RunningHost | undefined;
let dir: string;
let queues: QueueServiceClient;
let blobs: BlobServiceClient;

function start(): Promise<RunningHost> {
  return startHost({
    appDir: APP,
    port: 0,
    quiet: true,
    startTimeoutMs: 60_000,
    env: {
      FIXTURE_RECORD_DIR: dir,
      AzureWebJobsStorage: azurite.connectionString,
      AzureFunctionsWebHost__hostid: 'storage-fixture',
    },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'host-storage-'));
  azurite = await startAzurite({ blobPort: 0, queuePort: 0, tablePort: 0, startTimeoutMs: 60_000 });
  queues = QueueServiceClient.fromConnectionString(azurite.connectionString);
  blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
  for (const q of ['fx-in', 'fx-bulk']) await queues.getQueueClient(q).createIfNotExists();
  for (const c of ['fx-uploads', 'fx-bad']) await blobs.getContainerClient(c).createIfNotExists();
  host = await start();
}, 120_000);

afterAll(async () => {
  await host?.close();
  await azurite?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every message on `queue`, decoded from base64, waiting until at least `count` arrived. */
async function drain(queue: QueueClient, count: number, timeoutMs = 60_000): Promise<string[]> {
  const got: string[] = [];
  await queue.createIfNotExists();
  await waitForAsync(
    `${count} message(s) on ${queue.name}`,
    async () => {
      const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 32 });
      for (const m of receivedMessageItems) {
        got.push(unb64(m.messageText));
        await queue.deleteMessage(m.messageId, m.popReceipt);
      }
      return got.length >= count ? got : undefined;
    },
    timeoutMs,
    200,
  );
  return got;
}

interface QueueRecord {
  item: Record<string, unknown> | string;
  meta: Record<string, unknown>;
}

describe('storage queue trigger and output', () => {
  it('decodes a base64 message, passes the trigger metadata and writes string, object and array outputs base64-encoded, one message each', async () => {
    const sent = await queues
      .getQueueClient('fx-in')
      .sendMessage(b64(JSON.stringify({ id: 'q1', out: ['plain text', { n: 1 }] })));
    await queues.getQueueClient('fx-in').sendMessage(b64(JSON.stringify({ id: 'q2', out: 'just one' })));
    const [rec] = await waitFor(
      'q1 record',
      () => {
        const r = records<QueueRecord>(dir, 'queueIn').filter((x) => (x.item as { id?: string }).id === 'q1');
        return r.length > 0 ? r : undefined;
      },
      60_000,
    );
    expect(rec!.item).toEqual({ id: 'q1', out: ['plain text', { n: 1 }] });
    expect(rec!.meta).toMatchObject({ id: sent.messageId, dequeueCount: 1 });
    for (const k of ['insertionTime', 'expirationTime', 'nextVisibleTime', 'popReceipt', 'queueTrigger'])
      expect(rec!.meta[k]).toBeDefined();
    const out = await drain(queues.getQueueClient('fx-out'), 3);
    expect(out.sort()).toEqual(['just one', 'plain text', JSON.stringify({ n: 1 })].sort());
  }, 120_000);

  it('moves a message that fails 5 times to <queue>-poison, after exactly 5 tries', async () => {
    await queues.getQueueClient('fx-in').sendMessage(b64(JSON.stringify({ id: 'bad1', fail: true })));
    const poisoned = await drain(queues.getQueueClient('fx-in-poison'), 1, 90_000);
    expect(JSON.parse(poisoned[0]!)).toEqual({ id: 'bad1', fail: true });
    const tries = records<QueueRecord>(dir, 'queueIn').filter(
      (x) => (x.item as { id?: string }).id === 'bad1',
    );
    expect(tries.map((t) => t.meta.dequeueCount)).toEqual([1, 2, 3, 4, 5]);
  }, 120_000);

  it('moves a message that is not base64 to the poison queue without running the function', async () => {
    await queues.getQueueClient('fx-in').sendMessage('not base64 at all!');
    const poisoned = await waitForAsync(
      'raw poison message',
      async () => {
        const { receivedMessageItems } = await queues.getQueueClient('fx-in-poison').receiveMessages();
        const m = receivedMessageItems.find((x) => x.messageText === 'not base64 at all!');
        if (m) await queues.getQueueClient('fx-in-poison').deleteMessage(m.messageId, m.popReceipt);
        return m;
      },
      60_000,
      200,
    );
    expect(poisoned.messageText).toBe('not base64 at all!');
    expect(records<QueueRecord>(dir, 'queueIn').some((r) => r.item === 'not base64 at all!')).toBe(false);
  }, 120_000);

  it('processes 15x batchSize messages (240) exactly once each', async () => {
    const total = 240;
    const q = queues.getQueueClient('fx-bulk');
    for (let i = 0; i < total; i += 20)
      await Promise.all(
        Array.from({ length: 20 }, (_, j) => q.sendMessage(b64(JSON.stringify({ n: i + j })))),
      );
    await waitFor(
      '240 bulk records',
      () => {
        const r = records<{ item: { n: number } }>(dir, 'bulk');
        return r.length >= total ? r : undefined;
      },
      180_000,
      200,
    );
    // Settled only when the queue is empty: a message not deleted would become visible again and run twice.
    await waitForAsync(
      'fx-bulk empty',
      async () => {
        const props = await q.getProperties();
        const peek = await q.peekMessages({ numberOfMessages: 1 });
        return props.approximateMessagesCount === 0 && peek.peekedMessageItems.length === 0
          ? true
          : undefined;
      },
      60_000,
      200,
    );
    const ns = records<{ item: { n: number } }>(dir, 'bulk').map((r) => r.item.n);
    expect(ns.length).toBe(total);
    expect(new Set(ns).size).toBe(total);
  }, 240_000);
});

interface BlobRecord {
  isBuffer: boolean;
  text: string;
  meta: Record<string, unknown>;
}

describe('blob trigger and bindings', () => {
  const uploads = () => blobs.getContainerClient('fx-uploads');
  const blobRecords = (name: string) =>
    records<BlobRecord>(dir, 'blobIn').filter((r) => r.meta.name === name);

  it('fires once per blob version with {name} bound, writes the output blob, and reads it back as an input', async () => {
    await uploads().getBlockBlobClient('alpha.txt').upload('first', 5);
    const [first] = await waitFor(
      'alpha record',
      () => (blobRecords('alpha').length > 0 ? blobRecords('alpha') : undefined),
      60_000,
    );
    expect(first!.isBuffer).toBe(true);
    expect(first!.text).toBe('first');
    expect(first!.meta).toMatchObject({ name: 'alpha', blobTrigger: 'fx-uploads/alpha.txt' });
    expect(String(first!.meta.uri)).toMatch(/fx-uploads\/alpha\.txt$/);
    const copy = await waitForAsync(
      'alpha copy',
      async () => {
        const b = blobs.getContainerClient('fx-copies').getBlobClient('alpha.copy');
        return (await b.exists()) ? (await b.downloadToBuffer()).toString() : undefined;
      },
      30_000,
    );
    expect(copy).toBe('FIRST');
    const res = await fetch(`http://127.0.0.1:${host!.port}/api/copies/alpha.copy`);
    expect(await res.json()).toEqual({ isBuffer: true, bytes: 'FIRST', text: 'FIRST' });

    await uploads().getBlockBlobClient('alpha.txt').upload('second', 6);
    await waitFor('alpha v2', () => (blobRecords('alpha').length >= 2 ? true : undefined), 60_000);
    expect(blobRecords('alpha').map((r) => r.text)).toEqual(['first', 'second']);
  }, 120_000);

  it('gives a blob input that does not exist as undefined (the host sends no data for a null value)', async () => {
    const res = await fetch(`http://127.0.0.1:${host!.port}/api/copies/missing.copy`);
    expect(await res.json()).toEqual({ isBuffer: false });
  }, 60_000);

  it('does not fire again for blobs it handled after the host restarts (blob receipts)', async () => {
    await waitFor('alpha handled', () => (blobRecords('alpha').length >= 2 ? true : undefined), 60_000);
    await host!.close();
    host = await start();
    // Listed in name order in one scan: once `zulu` fired, `alpha` (before it) was considered and skipped.
    await uploads().getBlockBlobClient('zulu.txt').upload('sentinel', 8);
    await waitFor('zulu record', () => (blobRecords('zulu').length > 0 ? true : undefined), 60_000);
    expect(blobRecords('alpha')).toHaveLength(2);
  }, 180_000);

  it('reports a blob that fails 5 times on webjobs-blobtrigger-poison and stops trying it', async () => {
    await blobs.getContainerClient('fx-bad').getBlockBlobClient('broken.bin').upload('x', 1);
    const [msg] = await drain(queues.getQueueClient('webjobs-blobtrigger-poison'), 1, 120_000);
    expect(JSON.parse(msg!)).toMatchObject({
      Type: 'BlobTrigger',
      FunctionId: 'Host.Functions.blobBad',
      ContainerName: 'fx-bad',
      BlobName: 'broken.bin',
    });
    expect(records(dir, 'blobBad')).toHaveLength(5);
  }, 180_000);
});
