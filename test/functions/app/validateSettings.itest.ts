import { join } from 'node:path';
import { startHost } from '../../../tools/host';

const ROOT = join(__dirname, '..', '..', '..');
const key = Buffer.alloc(32, 9).toString('base64url');
// Nothing listens on port 1: the app must refuse to start before it ever connects anywhere.
const settings = {
  CosmosDB: 'AccountEndpoint=http://127.0.0.1:1/;AccountKey=a2V5;',
  ServiceBusConnection:
    'Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=x;UseDevelopmentEmulator=true;',
  DASHBOARD_SCHEDULE: '0 0 0 * * *',
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
};

describe('the built app at start', () => {
  it('refuses to start on a malformed setting, naming it and not echoing its value', async () => {
    const attempt = startHost({
      appDir: ROOT,
      port: 0,
      quiet: true,
      env: { ...settings, JWT_KEYS: 'k1=too-short-secret', ALERT_EMAIL_TO: 'not-an-email' },
    });
    await expect(attempt).rejects.toThrow(/JWT_KEYS[\s\S]*ALERT_EMAIL_TO|ALERT_EMAIL_TO[\s\S]*JWT_KEYS/);
    await expect(attempt).rejects.not.toThrow(/too-short-secret/);
  });

  it('refuses to start without any Cosmos DB connection', async () => {
    const { CosmosDB: _omitted, ...rest } = settings;
    await expect(
      startHost({
        appDir: ROOT,
        port: 0,
        quiet: true,
        env: { ...rest, CosmosDB: '', JWT_KEYS: `k1=${key}` },
      }),
    ).rejects.toThrow(/CosmosDB or CosmosDB__accountEndpoint/);
  });

  it('starts with valid settings', async () => {
    const host = await startHost({
      appDir: ROOT,
      port: 0,
      quiet: true,
      env: { ...settings, JWT_KEYS: `k1=${key}` },
    });
    try {
      const res = await fetch(`${host.baseUrl}/api/health`);
      expect(res.status).toBe(200);
    } finally {
      await host.close();
    }
  });
});
