import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from './cliProcess';
import { fixtureConfig } from './harness';

describe('Service Bus emulator CLI', () => {
  it('prints the connection string and a listening line, and exits cleanly on SIGTERM', async () => {
    const cli = await startCli(['--port', '0', '--config', fixtureConfig, '--http-port', '0']);
    expect(cli.output()).toMatch(
      /Endpoint=sb:\/\/127\.0\.0\.1:\d+;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=[^;]+;UseDevelopmentEmulator=true;/,
    );
    expect(cli.output()).toMatch(/Visibility endpoint: http:\/\/127\.0\.0\.1:\d+\/entities/);
    const client = new ServiceBusClient(cli.connectionString, { retryOptions: { maxRetries: 0 } });
    await client.createSender('work').sendMessages({ body: 'via cli' });
    await client.close();
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it('survives kill -9 mid-receive: every message it acknowledged is delivered at least once after restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-crash-'));
    try {
      const first = await startCli(['--port', '0', '--config', fixtureConfig, '--data-dir', dataDir]);
      const client = new ServiceBusClient(first.connectionString, {
        retryOptions: { maxRetries: 0, timeoutInMs: 10_000 },
      });
      const sender = client.createSender('competing');
      const acknowledged = new Set<string>();
      for (let batch = 0; batch < 20; batch++) {
        const messages = Array.from({ length: 50 }, (_, i) => ({
          body: `m-${batch * 50 + i}`,
          messageId: `m-${batch * 50 + i}`,
        }));
        await sender.sendMessages(messages);
        for (const m of messages) acknowledged.add(m.messageId);
      }
      const delivered = new Set<string>();
      const receiver = client.createReceiver('competing');
      // Receive and complete part of the queue, then kill the broker while a receive is in flight.
      while (delivered.size < 300) {
        for (const m of await receiver.receiveMessages(50, { maxWaitTimeInMs: 2000 })) {
          delivered.add(String(m.messageId));
          await receiver.completeMessage(m);
        }
      }
      const inFlight = receiver
        .receiveMessages(100, { maxWaitTimeInMs: 2000 })
        .catch(() => [] as ServiceBusReceivedMessage[]);
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      for (const m of await inFlight) delivered.add(String(m.messageId));
      await client.close().catch(() => undefined);

      const second = await startCli(['--port', '0', '--config', fixtureConfig, '--data-dir', dataDir]);
      const again = new ServiceBusClient(second.connectionString, {
        retryOptions: { maxRetries: 0, timeoutInMs: 10_000 },
      });
      const drain = again.createReceiver('competing', { receiveMode: 'receiveAndDelete' });
      for (;;) {
        const batch = await drain.receiveMessages(200, { maxWaitTimeInMs: 1000 });
        if (batch.length === 0) break;
        for (const m of batch) delivered.add(String(m.messageId));
      }
      await again.close();
      second.child.kill('SIGTERM');
      await second.exited;
      const lost = [...acknowledged].filter((id) => !delivered.has(id));
      expect(acknowledged.size).toBe(1000);
      expect(lost).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
