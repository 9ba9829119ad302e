import type { DeadLetterAlertDoc } from './deadLetterDocs';
import { cosmosDocStore } from '../analytics/cosmosDocStore';
import type { DocStore } from '../analytics/docStore';
import { getConfig, type Settings } from '../config/config';
import type { DeadLetterAlertCommand } from '../email/commands';
import { sendInBatches } from '../relay/sendInBatches';
import { emailCommandMessage } from '../relay/relayMessages';
import { getCosmosClient, getServiceBusSender } from '../platform/processClients';

export interface AlertServices {
  settings: Settings;
  store: DocStore<DeadLetterAlertDoc>;
  sendAlertCommand(command: DeadLetterAlertCommand): Promise<void>;
}

let services: Promise<AlertServices> | undefined;

async function create(): Promise<AlertServices> {
  const settings = getConfig();
  const db = (await getCosmosClient(settings)).database('alerts');
  return {
    settings,
    store: cosmosDocStore<DeadLetterAlertDoc>(db.container('deadLetters')),
    async sendAlertCommand(command) {
      await sendInBatches(await getServiceBusSender(settings, 'emails'), [emailCommandMessage({ command })]);
    },
  };
}

/** The alerts service of this process (database `alerts`, operators' emails through queue `emails`). */
export function getAlertServices(): Promise<AlertServices> {
  services ??= create().catch((err: unknown) => {
    services = undefined;
    throw err;
  });
  return services;
}
