import { CosmosClient } from '@azure/cosmos';
import { ServiceBusClient } from '@azure/service-bus';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTransport } from 'nodemailer';
import { startEmulators } from '../../../tools/emulators/startEmulators';

const ROOT = resolve(__dirname, '../../..');

/** The local.settings.json block of the printed text, parsed as a Core Tools user would paste it. */
function printedLocalSettings(text: string): { Values: Record<string, string> } {
  const start = text.indexOf('{');
  const end = text.indexOf('\nand make sure host.json');
  return JSON.parse(text.slice(start, end)) as { Values: Record<string, string> };
}

describe('npm run emulators (startEmulators)', () => {
  let root: string;
  let started: Awaited<ReturnType<typeof startEmulators>> | undefined;

  beforeAll(async () => {
    // A scratch app root: the sample settings and the topology, so nothing is written into the repository.
    root = mkdtempSync(join(tmpdir(), 'emulators-'));
    mkdirSync(join(root, 'infra'));
    copyFileSync(join(ROOT, 'local.settings.sample.json'), join(root, 'local.settings.sample.json'));
    copyFileSync(join(ROOT, 'infra/topology.json'), join(root, 'infra/topology.json'));
    started = await startEmulators({ root, ephemeralPorts: true, dataDir: null, log: () => undefined });
  }, 120_000);

  afterAll(async () => {
    await started?.stack.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('starts no Functions host and prints Gateway mode for the Cosmos DB extension', () => {
    expect(started!.stack.hostUrl).toBe('');
    expect(started!.settings.text).toContain('"connectionMode": "Gateway"');
  });

  it('prints a Service Bus connection string the SDK sends and receives with', async () => {
    const values = printedLocalSettings(started!.settings.text).Values;
    expect(values['ServiceBusConnection']).toContain('UseDevelopmentEmulator=true');
    const client = new ServiceBusClient(values['ServiceBusConnection']!);
    try {
      await client.createSender('emails').sendMessages({ body: 'hi', messageId: 'emulators-1' });
      const receiver = client.createReceiver('emails', { receiveMode: 'receiveAndDelete' });
      const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 10_000 });
      expect(m?.messageId).toBe('emulators-1');
    } finally {
      await client.close();
    }
  });

  it('prints a Cosmos DB connection string that reaches the topology databases', async () => {
    const values = printedLocalSettings(started!.settings.text).Values;
    const client = new CosmosClient(values['CosmosDB']!);
    try {
      const container = client.database('orders').container('leases');
      await container.items.upsert({ id: 'emulators-1' });
      const { resource } = await container.item('emulators-1', 'emulators-1').read<{ id: string }>();
      expect(resource?.id).toBe('emulators-1');
    } finally {
      client.dispose();
    }
  });

  it('prints an SMTP URL the mail catcher accepts and Azurite storage that answers', async () => {
    const values = printedLocalSettings(started!.settings.text).Values;
    const info = await createTransport(values['SMTP_URL']).sendMail({
      from: 'a@example.com',
      to: 'b@example.com',
      subject: 'emulators',
      text: 'hi',
    });
    expect(info.accepted).toEqual(['b@example.com']);
    const blob = /BlobEndpoint=([^;]+)/.exec(values['AzureWebJobsStorage'] ?? '')?.[1];
    expect(blob).toBeDefined();
    // Any HTTP answer from the blob endpoint (an unauthenticated list is refused) shows Azurite is listening there.
    const res = await fetch(`${blob!}?comp=list`);
    expect(res.status).toBeGreaterThanOrEqual(200);
  });
});
