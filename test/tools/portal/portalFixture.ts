import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApp } from '../../../tools/build/buildApp';
import { startCosmosEmulator, type CosmosEmulator } from '../../../tools/cosmos';
import { startMailCatcher, type MailCatcher } from '../../../tools/mailcatcher';
import { startPortal, type Portal } from '../../../tools/portal';
import { startServiceBusEmulator } from '../../../tools/servicebus';

export const ROOT = resolve(__dirname, '..', '..', '..');

export interface PortalFixture {
  portal: Portal;
  cosmos: CosmosEmulator;
  mail: MailCatcher;
  serviceBusConnectionString: string;
  close(): Promise<void>;
}

/** The portal over a Cosmos DB emulator, a broker with its visibility endpoint and a mail catcher, all on port 0. */
export async function startPortalFixture(): Promise<PortalFixture> {
  if (!existsSync(join(ROOT, 'dist', 'web', 'portal', 'main.js'))) await buildApp({ root: ROOT });
  const [cosmos, sb, mail] = await Promise.all([
    startCosmosEmulator({ port: 0 }),
    startServiceBusEmulator({ port: 0, httpPort: 0 }),
    startMailCatcher({ smtpPort: 0, httpPort: 0 }),
  ]);
  const portal = await startPortal({
    root: ROOT,
    serviceBus: { connectionString: sb.connectionString, httpUrl: sb.httpUrl! },
    cosmos: { connectionString: cosmos.connectionString },
    mailUrl: mail.url,
  });
  return {
    portal,
    cosmos,
    mail,
    serviceBusConnectionString: sb.connectionString,
    async close() {
      await portal.close();
      await Promise.all([cosmos.close(), sb.close(), mail.close()]);
    },
  };
}
