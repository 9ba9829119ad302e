// Every permission the app's identity gets, each scoped to the narrowest resource that works, with built-in
// role ids from ../roles.json (test/infra checks them against a table of built-in role names).
//
// Service Bus: one function app hosts every service, so one identity both sends and receives on each queue
// (orders: the relay and the dead-letter replay send, the analytics projection and the alerts function receive,
// the latter from orders/$DeadLetterQueue, which a receiver role on `orders` covers; emails: auth, alerts and the
// relay send, the email sender receives). It therefore gets Data Sender and Data Receiver per queue, never the
// namespace-wide Data Owner, which would also let it create and delete entities.
// Host storage: Blob Data Owner only. The host keeps its locks, timer schedules and keys in blobs; there is
// no blob trigger or Durable Functions, so neither Queue nor Table data roles are needed.

@description('Required. Name of the app\'s user-assigned identity (in this resource group).')
param identityName string

@description('Required. Host storage account name.')
param storageAccountName string

@description('Required. Service Bus namespace name.')
param serviceBusNamespaceName string

@description('Required. Cosmos DB account name.')
param cosmosAccountName string

@description('Required. Key Vault name.')
param keyVaultName string

@description('Required. Name of the JWT_KEYS secret.')
param jwtKeysName string

@description('Required. Application Insights name.')
param appInsightsName string

@description('Required. Communication Services name.')
param communicationServiceName string

var roles = loadJsonContent('../roles.json')
var topology = loadJsonContent('../topology.json')
var queueNames = map(items(topology.serviceBus.queues), q => q.key)

// Assignment names are seeded with the identity's resource id, known before deployment (what-if can predict
// them), rather than its principal id, which exists only once the identity does.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

var principalId = identity.properties.principalId

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' existing = [
  for q in queueNames: {
    parent: namespace
    name: q
  }
]

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' existing = {
  name: cosmosAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource jwtKeysSecret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' existing = {
  parent: vault
  name: jwtKeysName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-09-01' existing = {
  name: communicationServiceName
}

resource hostStorageBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (q, i) in queueNames: {
    name: guid(queue[i].id, identity.id, roles.serviceBusDataSender)
    scope: queue[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource queueReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (q, i) in queueNames: {
    name: guid(queue[i].id, identity.id, roles.serviceBusDataReceiver)
    scope: queue[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Scoped to the one secret, not the vault: the identity can read JWT_KEYS and nothing else.
resource jwtKeysReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(jwtKeysSecret.id, identity.id, roles.keyVaultSecretsUser)
  scope: jwtKeysSecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Application Insights with local auth off accepts telemetry only from principals with this role.
resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// ACS honours only built-in roles for Entra ID callers, and no narrower built-in role can send email;
// it is scoped to this one Communication Services resource.
resource emailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, identity.id, roles.communicationAndEmailServiceOwner)
  scope: communicationService
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.communicationAndEmailServiceOwner
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Cosmos DB data plane: Built-in Data Contributor for the app identity only (control-plane RBAC does not
// reach documents). Scoped to the account because the app uses one database per service.
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, roles.cosmosDbBuiltInDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${roles.cosmosDbBuiltInDataContributor}'
    principalId: principalId
    scope: cosmos.id
  }
}
