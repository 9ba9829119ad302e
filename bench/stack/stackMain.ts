/**
 * Child process that holds the offline stack for a bench run (Cosmos DB, and Service Bus when built), so the
 * emulators never share an event loop with the load generator or the host being measured. Prints one JSON
 * line when ready; ends when its parent closes stdin or sends SIGTERM.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StackInfo } from './stackInfo';

interface Closable {
  close(): Promise<void>;
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const wanted = new Set(process.argv.slice(2));
  const open: Closable[] = [];
  const info: StackInfo = {};
  if (wanted.has('cosmos')) {
    const { startCosmosEmulator } = await import('../../tools/cosmos/index');
    const cosmos = await startCosmosEmulator({ port: 0 });
    open.push(cosmos);
    info.cosmos = {
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      connectionString: cosmos.connectionString,
      port: cosmos.port,
    };
  }
  if (wanted.has('servicebus') && existsSync(join(root, 'tools', 'servicebus', 'index.ts'))) {
    const sb = (await import(join(root, 'tools', 'servicebus', 'index.ts'))) as {
      startServiceBusEmulator(o: {
        port: number;
        httpPort: number;
      }): Promise<{ port: number; connectionString: string; httpUrl?: string } & Closable>;
    };
    const broker = await sb.startServiceBusEmulator({ port: 0, httpPort: 0 });
    open.push(broker);
    info.serviceBus = {
      connectionString: broker.connectionString,
      port: broker.port,
      ...(broker.httpUrl ? { httpUrl: broker.httpUrl } : {}),
    };
  }
  if (wanted.has('mail') && existsSync(join(root, 'tools', 'mailcatcher', 'index.ts'))) {
    const mc = (await import(join(root, 'tools', 'mailcatcher', 'index.ts'))) as {
      startMailCatcher(o: { smtpPort: number; httpPort: number }): Promise<{ smtpPort: number } & Closable>;
    };
    const catcher = await mc.startMailCatcher({ smtpPort: 0, httpPort: 0 });
    open.push(catcher);
    info.mail = { smtpUrl: `smtp://127.0.0.1:${catcher.smtpPort}` };
  }
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void Promise.allSettled(open.map((c) => c.close())).then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.stdin.on('end', shutdown);
  process.stdin.resume();
  process.stdout.write(JSON.stringify({ ready: info }) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
