import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The broker and the mail catcher are written alongside this tool; until their module exists, `dev` runs
// without them and says so. Their shapes are the ones in the team's common brief.
export interface ServiceBusEmulatorModule {
  startServiceBusEmulator(opts: {
    port?: number;
    topology?: string;
    dataDir?: string;
    httpPort?: number;
  }): Promise<{ port: number; connectionString: string; httpUrl?: string; close(): Promise<void> }>;
}

export interface MailCatcherModule {
  startMailCatcher(opts: {
    smtpPort?: number;
    httpPort?: number;
  }): Promise<{ smtpPort: number; httpPort: number; url: string; close(): Promise<void> }>;
}

async function load<T>(dir: string): Promise<T | undefined> {
  const file = join(__dirname, '..', dir, 'index.ts');
  if (!existsSync(file)) return undefined;
  return (await import(file)) as T;
}

export const loadServiceBus = () => load<ServiceBusEmulatorModule>('servicebus');
export const loadMailCatcher = () => load<MailCatcherModule>('mailcatcher');
