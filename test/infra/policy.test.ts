import { targetsOfType } from './policy/targets';
import { loadInfra } from './policy/loadInfra';
import { POLICY_RULES } from './policy/policyRules';

const { files, ctx } = loadInfra();

describe('infrastructure policy on infra/', () => {
  it.each(POLICY_RULES.map((r) => [r.id, r]))('%s: no violations', (_id, rule) => {
    expect(rule.check(files, ctx)).toEqual([]);
  });

  // The rules pass vacuously if what they police is missing, so check it is there.
  it.each([
    'Microsoft.ServiceBus/namespaces',
    'Microsoft.DocumentDB/databaseAccounts',
    'Microsoft.Insights/components',
    'Microsoft.Storage/storageAccounts',
    'Microsoft.Web/sites',
    'Microsoft.KeyVault/vaults',
  ])('deploys exactly one %s', (type) => {
    expect(targetsOfType(files, type)).toHaveLength(1);
  });

  it('declares queues, databases and containers as loops', () => {
    const looped = files.flatMap((f) => f.resources.filter((r) => r.loop && !r.existing).map((r) => r.type));
    expect(looped).toEqual(
      expect.arrayContaining([
        'Microsoft.ServiceBus/namespaces/queues',
        'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
        'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
      ]),
    );
  });

  it('assigns the roles the app needs, and nothing broader', () => {
    const rbac = files.find((f) => f.path.endsWith('app/rbac.bicep'))!;
    const assigned = rbac.resources
      .filter((r) => !r.existing && /roleAssignments$/i.test(r.type))
      .map((r) => r.body.text.match(/roles\.(\w+)/)?.[1]);
    expect(assigned.sort()).toEqual(
      [
        'communicationAndEmailServiceOwner',
        'cosmosDbBuiltInDataContributor',
        'keyVaultSecretsUser',
        'monitoringMetricsPublisher',
        'serviceBusDataReceiver',
        'serviceBusDataSender',
        'storageBlobDataOwner',
      ].sort(),
    );
  });
});
