// `npx tsx bench/email/emailThroughput.ts [--count N] [--concurrency N] [--pool true|false]`: how many emails per
// second the email service sends (claim, SMTP, mark sent) against the Cosmos DB emulator in a process of its own and
// an SMTP server in this one, with the Cosmos DB requests per email counted. A diagnosis script, not part of `npm test`.
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EmailCommand } from '../../shared/email/commands';
import type { OrderStatusDoc, SentEmailDoc } from '../../shared/email/emailDocs';
import { processEmailCommand, type EmailServiceInit } from '../../shared/email/processEmailCommand';
import { smtpTransport } from '../../shared/email/smtpTransport';
import { cosmosDocStore } from '../../shared/analytics/cosmosDocStore';
import { createCosmosClient } from '../../shared/platform/cosmosClient';
import { freePorts } from '../../tools/dev/ports';
import { ChildService } from '../../tools/soak/childService';
import { startCountingSmtp } from '../../tools/soak/countingSmtp';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    pool: { type: 'string', default: 'true' },
  },
});
const root = resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const [port] = (await freePorts(1)) as [number];
  const cosmosProc = new ChildService({
    name: 'cosmos',
    root,
    script: 'tools/cosmos/main.ts',
    args: ['--port', String(port), '--topology', join(root, 'infra', 'topology.json')],
    ready: (out) => Promise.resolve(out.includes('CosmosDB=')),
  });
  await cosmosProc.start();
  const smtp = await startCountingSmtp();
  const connectionString = /CosmosDB=(\S+)/.exec(cosmosProc.output)?.[1] ?? '';
  const cosmos = await createCosmosClient({ connectionString });
  let requests = 0;
  const db = cosmos.database('email');
  const count = <T extends { id: string }>(name: string) => {
    const store = cosmosDocStore<T>(db.container(name));
    return {
      read: (id: string) => (requests++, store.read(id)),
      create: (d: T) => (requests++, store.create(d)),
      replace: (d: T, e: string) => (requests++, store.replace(d, e)),
      query: store.query.bind(store),
    } as typeof store;
  };
  const transport = await smtpTransport(`smtp://127.0.0.1:${smtp.port}/?pool=${values.pool}`);
  const init: EmailServiceInit = {
    sent: count<SentEmailDoc>('sentEmails'),
    statuses: count<OrderStatusDoc>('orderStatus'),
    transport,
    from: 'no-reply@orderflow.local',
    appBaseUrl: 'http://localhost:7071/',
  };
  const n = Number(values.count);
  const commands: EmailCommand[] = Array.from({ length: n }, (_, i) => ({
    id: `${randomUUID()}:1:orderConfirmation`,
    type: 'orderConfirmation',
    to: `c${i}@example.com`,
    createdAt: new Date().toISOString(),
    orderId: randomUUID(),
    version: 1,
    total: 4900,
    currency: 'EUR',
  }));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Number(values.concurrency) }, async () => {
      while (next < commands.length) await processEmailCommand(commands[next++]!, init);
    }),
  );
  const s = (performance.now() - t0) / 1000;
  console.log(
    `pool=${values.pool}: ${n} emails in ${s.toFixed(1)} s = ${(n / s).toFixed(1)}/s; ${(requests / n).toFixed(2)} Cosmos DB requests per email; smtp received ${smtp.total()}`,
  );
  await transport.close?.();
  cosmos.dispose();
  await smtp.close();
  await cosmosProc.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
