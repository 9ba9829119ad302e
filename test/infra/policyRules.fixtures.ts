/** For each rule: Bicep that breaks it, and a minimal compliant counterpart. */
export interface RuleFixture {
  rule: string;
  bad: string[];
  good: string;
  /** Local modules the snippets call, by path relative to the snippet. */
  modules?: Record<string, string>;
}

const sb = (props: string): string => `resource sb 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: 'x'
  tags: {}
  properties: {
${props}
  }
}`;

const site = (props: string, extra = ''): string => `resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'x'
  tags: {}
  properties: {
${props}
  }
}
${extra}`;

const policies = (
  allow: boolean,
): string => `resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: ${allow}
  }
}
resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}`;

const storage = (props: string): string => `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'x'
  tags: {}
  properties: {
${props}
  }
}`;

const roleAssignment = (id: string): string => `var roles = loadJsonContent('../roles.json')
resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid('x')
  properties: {
    roleDefinitionId: ${id}
    principalId: 'p'
  }
}`;

const appSettings = (
  settings: string,
): string => `resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
${settings}
  }
}`;

export const RULE_FIXTURES: RuleFixture[] = [
  {
    rule: 'local-auth-disabled',
    bad: [
      sb("    minimumTlsVersion: '1.2'"),
      sb('    disableLocalAuth: false'),
      `resource c 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {\n  name: 'x'\n  properties: {}\n}`,
      `module ai 'br/public:avm/res/insights/component:0.6.0' = {\n  name: 'ai'\n  params: {\n    name: 'x'\n  }\n}`,
    ],
    good: sb('    disableLocalAuth: true'),
  },
  {
    rule: 'no-list-functions',
    bad: [
      "var k = listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2023-05-01').keys[0].value",
      "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {\n  name: 'x'\n}\nvar k = st.listKeys().keys[0].value",
    ],
    good: "var k = 'nothing listed'",
  },
  {
    rule: 'no-secrets-in-outputs',
    bad: [
      "@secure()\n@description('Required. x')\nparam pw string\noutput p string = pw",
      "resource c 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {\n  name: 'x'\n}\noutput k string = c.listKeys().primaryMasterKey",
      "module ai 'br/public:avm/res/insights/component:0.6.0' = {\n  name: 'ai'\n  params: {}\n}\noutput cs string = ai.outputs.connectionString",
      "output storageKey string = 'x'",
    ],
    good: "output endpoint string = 'https://x.documents.azure.com'",
  },
  {
    rule: 'no-secrets-in-app-settings',
    bad: [
      appSettings("    AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc'"),
      appSettings("    ServiceBusConnection: 'Endpoint=sb://x/;SharedAccessKeyName=a;SharedAccessKey=b'"),
      `@secure()\n@description('Required. x')\nparam jwt string\n${appSettings('    JWT_KEYS: jwt')}`,
      appSettings("    SMTP_PASSWORD: 'hunter2'"),
      `param s object\n${appSettings('')}`.replace(/properties: \{\n\n {2}\}/, 'properties: s'),
      `resource c 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {\n  name: 'x'\n}\n${appSettings('    COSMOS: c.listConnectionStrings().connectionStrings[0].connectionString')}`,
    ],
    good: appSettings(
      "    JWT_KEYS: '@Microsoft.KeyVault(SecretUri=${uri})'\n    APPLICATIONINSIGHTS_CONNECTION_STRING: ai.outputs.connectionString\n    CosmosDB__accountEndpoint: 'https://x'",
    ),
  },
  {
    rule: 'storage-shared-key-off',
    bad: [
      storage("    minimumTlsVersion: 'TLS1_2'"),
      storage('    allowSharedKeyAccess: false\n    allowBlobPublicAccess: true'),
    ],
    good: storage('    allowSharedKeyAccess: false'),
  },
  {
    rule: 'tls12-minimum',
    bad: [
      sb("    minimumTlsVersion: '1.0'"),
      storage("    minimumTlsVersion: 'TLS1_0'"),
      site('    siteConfig: {}'),
      `resource c 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {\n  name: 'x'\n  properties: {}\n}`,
    ],
    good: `${sb("    minimumTlsVersion: '1.2'")}\n${site("    siteConfig: {\n      minTlsVersion: '1.2'\n    }")}`,
  },
  {
    rule: 'https-only',
    bad: [site('    httpsOnly: false'), site(''), storage('    supportsHttpsTrafficOnly: false')],
    good: site('    httpsOnly: true'),
  },
  {
    rule: 'ftps-off',
    bad: [
      site("    siteConfig: {\n      ftpsState: 'AllAllowed'\n    }", policies(false)),
      site("    siteConfig: {\n      ftpsState: 'Disabled'\n    }", policies(true)),
      site("    siteConfig: {\n      ftpsState: 'Disabled'\n    }"),
    ],
    good: site("    siteConfig: {\n      ftpsState: 'Disabled'\n    }", policies(false)),
  },
  {
    rule: 'leases-on-id',
    bad: [
      `resource leases 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {\n  name: 'leases'\n  properties: {\n    resource: {\n      id: 'leases'\n      partitionKey: {\n        paths: [\n          '/customerId'\n        ]\n      }\n    }\n  }\n}`,
    ],
    good: "var nothing = 'no containers declared by hand'",
  },
  {
    rule: 'built-in-role-ids',
    bad: [
      // Owner: a real built-in role, but never least privilege for an app.
      roleAssignment(
        "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')",
      ),
      roleAssignment('roles.notARole'),
      roleAssignment('someParam'),
      roleAssignment('roles.cosmosDbBuiltInDataContributor'),
    ],
    good: roleAssignment(
      "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)",
    ),
  },
  {
    rule: 'tagged',
    bad: [
      "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'x'\n  properties: {}\n}",
      "module id 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {\n  name: 'id'\n  params: {\n    name: 'x'\n  }\n}",
      "module app 'app/missing.bicep' = {\n  name: 'app'\n  params: {}\n}",
    ],
    good: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'x'\n  tags: tags\n  properties: {}\n}",
  },
  {
    rule: 'topology-sourced',
    bad: [
      `${sb('    disableLocalAuth: true')}\nresource q 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {\n  parent: sb\n  name: 'orders'\n}`,
      `var names = [\n  'a'\n]\nresource q 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [\n  for n in names: {\n    parent: sb\n    name: n\n  }\n]`,
      "var alertQueue = 'emails'",
      `var t = loadJsonContent('../topology.json')\nresource c 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [\n  for x in items(t.cosmos.databases.orders.containers): {\n    name: x.key\n    properties: {\n      resource: {\n        id: x.key\n        partitionKey: {\n          paths: [\n            '/id'\n          ]\n        }\n      }\n    }\n  }\n]`,
    ],
    good: `var t = loadJsonContent('../topology.json')\nvar qs = items(t.serviceBus.queues)\nresource q 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [\n  for x in qs: {\n    parent: sb\n    name: x.key\n    properties: x.value\n  }\n]`,
  },
  {
    rule: 'param-descriptions',
    bad: [
      'param a string',
      "@description('Name of x.')\nparam a string",
      "@description('Required. x')\nparam a string = 'd'",
      "@description('Optional. x')\nparam a string",
    ],
    good: "@description('Required. x')\nparam a string\n@description('Optional. y')\nparam b int = 1",
  },
  {
    rule: 'avm-pinned',
    bad: [
      "module a 'br/public:avm/res/insights/component:latest' = {\n  name: 'a'\n  params: {\n    tags: {}\n  }\n}",
      "module a 'br/public:avm/res/compute/virtual-machine:0.1.0' = {\n  name: 'a'\n  params: {\n    tags: {}\n  }\n}",
    ],
    good: "module a 'br/public:avm/res/insights/component:0.6.0' = {\n  name: 'a'\n  params: {\n    tags: {}\n  }\n}",
  },
  {
    rule: 'module-contract',
    modules: {
      'app/target.bicep':
        "@description('Required. x')\nparam name string\n@description('Optional. y')\nparam size int = 1\noutput id string = name",
    },
    bad: [
      "module t 'app/target.bicep' = {\n  name: 't'\n  params: {\n    name: 'a'\n    colour: 'red'\n  }\n}",
      "module t 'app/target.bicep' = {\n  name: 't'\n  params: {\n    size: 2\n  }\n}",
      "module t 'app/target.bicep' = {\n  name: 't'\n  params: {\n    name: 'a'\n  }\n}\noutput x string = t.outputs.endpoint",
      "module t 'app/nowhere.bicep' = {\n  name: 't'\n  params: {}\n}",
    ],
    good: "module t 'app/target.bicep' = {\n  name: 't'\n  params: {\n    name: 'a'\n  }\n}\noutput x string = t.outputs.id",
  },
  {
    rule: 'no-unused-declarations',
    bad: [
      "@description('Required. x')\nparam unused string",
      'var orphan = 1',
      "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'x'\n}",
    ],
    good: "@description('Required. x')\nparam used string\nvar doubled = '${used}${used}'\noutput o string = doubled",
  },
];
