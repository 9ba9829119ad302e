import { ServiceBusClient, type ServiceBusReceiver } from '@azure/service-bus';
import { CosmosClient } from '@azure/cosmos';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCosmosEmulator, type CosmosEmulator } from '../../../tools/cosmos/index';
import { startHost, type RunningHost } from '../../../tools/host/index';
import { startServiceBusEmulator, type ServiceBusEmulatorHandle } from '../../../tools/servicebus/index';
import { FIXTURE_APP } from './fixture';
import { records, waitFor, waitForAsync } from './waitFor';

interface SbRecord {
  message: unknown;
  messages?: unknown[];
  metadata: Record<string, unknown>;
}

const TOPOLOGY = join(FIXTURE_APP, 'topology.json');
let sb: ServiceBusEmulatorHandle;
let cosmos: CosmosEmulator;
let host: RunningHost;
let client: ServiceBusClient;
let out: ServiceBusReceiver;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'host-sb-'));
  [sb, cosmos] = await Promise.all([
    startServiceBusEmulator({ port: 0, topology: TOPOLOGY }),
    startCosmosEmulator({ port: 0, topology: TOPOLOGY }),
  ]);
  host = await startHost({
    appDir: FIXTURE_APP,
    port: 0,
    quiet: true,
    env: {
      FIXTURE_RECORD_DIR: dir,
      FixtureServiceBus: sb.connectionString,
      FixtureCosmos: cosmos.connectionString,
    },
  });
  client = new ServiceBusClient(sb.connectionString);
  out = client.createReceiver('fixture-out', { receiveMode: 'receiveAndDelete' });
});

afterAll(async () => {
  await host?.close();
  await out?.close();
  await client?.close();
  await Promise.all([sb?.close(), cosmos?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function recordsOf(
  name: string,
  pred: (r: SbRecord) => boolean,
  count = 1,
  timeoutMs = 10_000,
): Promise<SbRecord[]> {
  return waitFor(
    `${count} record(s) of ${name}`,
    () => {
      const found = records<SbRecord>(dir, name).filter(pred);
      return found.length >= count ? found : undefined;
    },
    timeoutMs,
  );
}

async function drainOut(pred: (body: unknown) => boolean, count: number): Promise<unknown[]> {
  const got: unknown[] = [];
  const deadline = Date.now() + 10_000;
  while (got.length < count && Date.now() < deadline) {
    for (const m of await out.receiveMessages(10, { maxWaitTimeInMs: 500 })) {
      // A string output arrives as its UTF-8 bytes (not JSON): the SDK hands those over as a Buffer.
      const body: unknown = Buffer.isBuffer(m.body) ? m.body.toString('utf8') : m.body;
      if (pred(body)) got.push(body);
    }
  }
  if (got.length < count)
    throw new Error(`expected ${count} forwarded message(s) on fixture-out, got ${got.length}`);
  return got;
}

it('delivers a queue message with the body parsed and the trigger metadata of the real worker', async () => {
  const sender = client.createSender('fixture-in');
  await sender.sendMessages({
    body: { id: 'm1', hello: 'world' },
    messageId: 'msg-m1',
    correlationId: 'corr-1',
    contentType: 'application/json',
    subject: 'greeting',
    applicationProperties: { tenant: 'contoso', attempt: 3 },
  });
  await sender.close();
  const [rec] = await recordsOf('sbQueue', (r) => (r.message as { id?: string })?.id === 'm1');
  expect(rec!.message).toEqual({ id: 'm1', hello: 'world' });
  const md = rec!.metadata;
  expect(md).toMatchObject({
    messageId: 'msg-m1',
    correlationId: 'corr-1',
    contentType: 'application/json',
    label: 'greeting',
    subject: 'greeting',
    deliveryCount: 1,
    applicationProperties: { tenant: 'contoso', attempt: 3 },
    userProperties: { tenant: 'contoso', attempt: 3 },
  });
  expect(typeof md.sequenceNumber).toBe('number');
  expect(md.lockToken).toMatch(/^[0-9a-f-]{36}$/);
  expect(Number.isNaN(Date.parse(md.enqueuedTimeUtc as string))).toBe(false);
  expect(md.sys).toMatchObject({ methodName: 'sbQueue' });
});

it('writes Service Bus and Cosmos DB extra outputs after the invocation', async () => {
  const forwarded = await drainOut((b) => JSON.stringify(b).includes('"m1"') || b === 'plain text', 2);
  expect(forwarded).toContainEqual({ echo: { id: 'm1', hello: 'world' } });
  expect(forwarded).toContain('plain text');
  const container = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  })
    .database('fixturedb')
    .container('outputs');
  const doc = await waitForAsync('the Cosmos DB output document', async () => {
    const { resource } = await container.item('sb-m1', 'sb-m1').read<{ from: string }>();
    return resource;
  });
  expect(doc).toMatchObject({ id: 'sb-m1', from: 'sbQueue' });
});

it('passes a text body as text', async () => {
  const sender = client.createSender('fixture-in');
  await sender.sendMessages({ body: Buffer.from('just text'), messageId: 'text-1' });
  await sender.close();
  const [rec] = await recordsOf('sbQueue', (r) => r.metadata.messageId === 'text-1');
  expect(rec!.message).toBe('just text');
});

it('abandons on a thrown error so the broker redelivers, then dead-letters; the $DeadLetterQueue trigger sees it', async () => {
  const sender = client.createSender('fixture-in');
  await sender.sendMessages({ body: { id: 'f1', fail: true }, messageId: 'fail-1' });
  await sender.close();
  const attempts = await recordsOf('sbQueue', (r) => r.metadata.messageId === 'fail-1', 2);
  expect(attempts.map((a) => a.metadata.deliveryCount)).toEqual([1, 2]);
  const [dead] = await recordsOf('sbDeadLetters', (r) => r.metadata.messageId === 'fail-1');
  expect(dead!.message).toEqual({ id: 'f1', fail: true });
  expect(dead!.metadata).toMatchObject({ deadLetterReason: 'MaxDeliveryCountExceeded', deliveryCount: 3 });
  expect(typeof dead!.metadata.deadLetterErrorDescription).toBe('string');
});

it('delivers batches to a cardinality many function with array metadata', async () => {
  const sender = client.createSender('fixture-batch');
  await sender.sendMessages([1, 2, 3, 4, 5].map((n) => ({ body: { n }, messageId: `b-${n}` })));
  await sender.close();
  const recs = await waitFor('all five batch messages', () => {
    const r = records<SbRecord>(dir, 'sbBatch');
    return r.flatMap((x) => x.messages ?? []).length >= 5 ? r : undefined;
  });
  const all = recs.flatMap((r) => r.messages ?? []);
  expect(all).toEqual(expect.arrayContaining([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]));
  for (const r of recs) {
    expect(r.metadata.messageIdArray).toHaveLength(r.messages!.length);
    expect(r.metadata.deliveryCountArray).toEqual(r.messages!.map(() => 1));
  }
});

it('runs at most host.json maxConcurrentCalls (4) invocations at once', async () => {
  const sender = client.createSender('fixture-slow');
  await sender.sendMessages(Array.from({ length: 12 }, (_, n) => ({ body: { n } })));
  await sender.close();
  const recs = await waitFor('12 slow runs', () => {
    const r = records<{ event: string; at: number }>(dir, 'sbSlow');
    return r.filter((x) => x.event === 'end').length >= 12 ? r : undefined;
  });
  let running = 0;
  let peak = 0;
  // Ends before starts at the same millisecond, so back-to-back runs do not count as overlapping.
  for (const r of [...recs].sort((a, b) => a.at - b.at || (a.event === 'end' ? -1 : 1))) {
    running += r.event === 'start' ? 1 : -1;
    peak = Math.max(peak, running);
  }
  expect(peak).toBeGreaterThan(1);
  expect(peak).toBeLessThanOrEqual(4);
});

it('delivers each session of a session-enabled queue in order', async () => {
  const sender = client.createSender('fixture-sessions');
  const msgs = [1, 2, 3, 4].flatMap((n) => ['A', 'B'].map((sid) => ({ body: { sid, n }, sessionId: sid })));
  await sender.sendMessages(msgs);
  await sender.close();
  const recs = await waitFor('eight session messages', () => {
    const r = records<{ message: { sid: string; n: number }; sessionId: string }>(dir, 'sbSession');
    return r.length >= 8 ? r : undefined;
  });
  for (const sid of ['A', 'B']) {
    const mine = recs.filter((r) => r.message.sid === sid);
    expect(mine.map((r) => r.message.n)).toEqual([1, 2, 3, 4]);
    expect(mine.every((r) => r.sessionId === sid)).toBe(true);
  }
});

it('receives from a topic subscription', async () => {
  const sender = client.createSender('fixture-topic');
  await sender.sendMessages({ body: { topic: true }, messageId: 'topic-1' });
  await sender.close();
  const [rec] = await recordsOf('sbTopic', (r) => r.metadata.messageId === 'topic-1');
  expect(rec!.message).toEqual({ topic: true });
});

it('sends HTTP-triggered outputs to Service Bus', async () => {
  const res = await fetch(`${host.baseUrl}/api/enqueue`, {
    method: 'POST',
    body: JSON.stringify({ id: 'h1' }),
  });
  expect(res.status).toBe(202);
  expect(await drainOut((b) => (b as { id?: string })?.id === 'h1', 1)).toEqual([{ id: 'h1' }]);
});
