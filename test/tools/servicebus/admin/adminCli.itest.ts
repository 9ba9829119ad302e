import { ServiceBusAdministrationClient, ServiceBusClient } from '@azure/service-bus';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorAdminPolicy } from '../../../../tools/servicebus/index';
import { startCli, type CliProcess } from '../cliProcess';
import { fixtureConfig, receiveExactly } from '../harness';

/** The CLI prints the admin connection string on its own line after the messaging one: wait for that output. */
async function adminClient(cli: CliProcess): Promise<ServiceBusAdministrationClient> {
  const find = () => /Administration API \(ATOM, http\): (Endpoint=\S+)/.exec(cli.output())?.[1];
  if (!find())
    await new Promise<void>((resolve) => {
      const onData = () => {
        if (!find()) return;
        cli.child.stdout!.off('data', onData);
        resolve();
      };
      cli.child.stdout!.on('data', onData);
    });
  const admin = new ServiceBusAdministrationClient(find()!, { retryOptions: { maxRetries: 0 } });
  admin.pipeline.addPolicy(emulatorAdminPolicy());
  return admin;
}

describe('Service Bus CLI: --admin-port with --data-dir survives kill -9', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-admin-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const args = ['--port', '0', '--admin-port', '0', '--config', fixtureConfig, '--data-dir', dataDir];

  it('keeps every acknowledged entity, rule and message change after SIGKILL', async () => {
    const first = await startCli(args);
    const admin = await adminClient(first);
    await admin.createQueue('killed-q', { maxDeliveryCount: 4 });
    await admin.createTopic('killed-t');
    await admin.createSubscription('killed-t', 's', {
      defaultRuleOptions: { name: 'red', filter: { subject: 'red' } },
    });
    await admin.deleteQueue('competing');
    const client = new ServiceBusClient(first.connectionString, { retryOptions: { maxRetries: 0 } });
    await client.createSender('killed-q').sendMessages({ body: 'kept' });
    await client.createRuleManager('killed-t', 's').createRule('blue', { subject: 'blue' });
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await client.close();

    const second = await startCli(args);
    try {
      const again = await adminClient(second);
      expect(await again.getQueue('killed-q')).toMatchObject({ maxDeliveryCount: 4 });
      expect(await again.queueExists('competing')).toBe(false);
      const rules = [];
      for await (const r of again.listRules('killed-t', 's')) rules.push(r.name);
      expect(rules).toEqual(['blue', 'red']);
      const client2 = new ServiceBusClient(second.connectionString, { retryOptions: { maxRetries: 0 } });
      const r = client2.createReceiver('killed-q', { receiveMode: 'receiveAndDelete' });
      expect((await receiveExactly(r, 1))[0]!.body).toBe('kept');
      await client2.close();
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
