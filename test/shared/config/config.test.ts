import { loadConfig } from '../../../shared/config/config';
import { ConfigError } from '../../../shared/config/errors';

const key = Buffer.alloc(32, 7).toString('base64url');
const valid = {
  CosmosDB: 'AccountEndpoint=http://localhost:8081/;AccountKey=a2V5;',
  ServiceBusConnection:
    'Endpoint=sb://localhost:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true;',
  JWT_KEYS: `k1=${key}`,
};

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const config = loadConfig(valid);
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(config.DASHBOARD_SCHEDULE).toBe('0 */5 * * * *');
    expect(config.JWT_KEYS[0]?.kid).toBe('k1');
  });

  it('parses ADMIN_EMAILS as a trimmed lower-case list', () => {
    expect(loadConfig({ ...valid, ADMIN_EMAILS: ' A@x.io, b@y.io ,' }).ADMIN_EMAILS).toEqual([
      'a@x.io',
      'b@y.io',
    ]);
  });

  it('names a malformed setting without echoing its value', () => {
    const attempt = () => loadConfig({ ...valid, JWT_KEYS: 'k1=short-secret-value' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/JWT_KEYS/);
    expect(attempt).not.toThrow(/short-secret-value/);
  });

  it('requires one Cosmos DB connection form', () => {
    expect(() => loadConfig({ ...valid, CosmosDB: undefined })).toThrow(
      /CosmosDB or CosmosDB__accountEndpoint/,
    );
  });

  it('accepts identity-based connections without connection strings', () => {
    const config = loadConfig({
      JWT_KEYS: valid.JWT_KEYS,
      CosmosDB__accountEndpoint: 'https://acct.documents.azure.com:443/',
      ServiceBusConnection__fullyQualifiedNamespace: 'ns.servicebus.windows.net',
    });
    expect(config.CosmosDB).toBeUndefined();
  });
});
