// orderflow on Azure: one resource group holding a Flex Consumption function app and everything it talks to.
// Identity everywhere: no keys, no connection strings with secrets; the app's user-assigned identity is the only
// principal given data-plane access (see app/rbac.bicep). Queues, databases and containers come from
// ../infra/topology.json, the same file the offline stack reads, so local and cloud cannot drift.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Required. Name of the azd environment; it seeds resourceToken and is the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Required. Region for every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional. Resource group name; defaults to rg-<environmentName>.')
param resourceGroupName string = ''

@description('Required. Operator mailbox: receives the monitoring alerts and the dead-letter alert emails (ALERT_EMAIL_TO).')
param operatorEmail string

@secure()
@minLength(46)
@description('Required. JWT_KEYS value stored in Key Vault: kid=base64url-secret pairs, comma-separated, first signs. The azd preprovision hook generates one (k1=<32 random bytes>) when ORDERFLOW_JWT_KEYS is unset.')
param jwtKeys string

@description('Optional. Issuer put in and required of access tokens.')
param jwtIssuer string = 'orderflow'

@description('Optional. Audience put in and required of access tokens.')
param jwtAudience string = 'orderflow-api'

@description('Optional. Comma-separated emails that get the admin role.')
param adminEmails string = ''

@description('Optional. Public base URL used in email links; defaults to the function app URL.')
param appBaseUrl string = ''

@description('Optional. NCRONTAB schedule of the dashboard recalculation.')
param dashboardSchedule string = '0 */5 * * * *'

@description('Optional. ISO 8601 delay of the pending-order reminder email.')
param reminderDelay string = 'PT24H'

@allowed([
  'serverless'
  'provisioned'
])
@description('Optional. Cosmos DB capacity: serverless (pay per request) or provisioned autoscale throughput per database.')
param cosmosCapacityMode string = 'serverless'

@minValue(1000)
@description('Optional. Autoscale maximum RU/s of each database when cosmosCapacityMode is provisioned.')
param cosmosAutoscaleMaxThroughput int = 1000

@allowed([
  512
  2048
  4096
])
@description('Optional. Memory of each Flex Consumption instance in MB.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Optional. Maximum number of Flex Consumption instances the app scales out to.')
param maximumInstanceCount int = 100

@description('Optional. Data location of the Communication Services resources (email data residency).')
param emailDataLocation string = 'United States'

@description('Optional. Turn on Key Vault purge protection (recommended for production; it keeps a deleted vault name reserved for the retention period).')
param keyVaultPurgeProtection bool = true

@minValue(0)
@description('Optional. Failed function invocations in 5 minutes above which the failure alert fires.')
param functionFailureThreshold int = 0

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
// Names are computed here, not read from module outputs, so what-if can predict every resource id that uses them
// (bicep lint: what-if-short-circuiting); the modules that need a resource to exist say so with dependsOn.
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var serviceBusNamespaceName = '${abbrs.serviceBusNamespaces}${resourceToken}'
var cosmosAccountName = '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var appInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var communicationServiceName = '${abbrs.communicationCommunicationServices}${resourceToken}'
var jwtKeysSecretName = 'jwt-keys'
var deploymentContainerName = 'app-package-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The one identity the app runs as: host storage, Service Bus, Cosmos DB, Key Vault, App Insights, email.
module identity 'modules/managed-identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module plan 'modules/web/serverfarm.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    deploymentContainerName: deploymentContainerName
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    appInsightsName: appInsightsName
    location: location
    tags: tags
  }
}

module serviceBus 'app/servicebus.bicep' = {
  name: 'serviceBus'
  scope: rg
  params: {
    name: serviceBusNamespaceName
    location: location
    tags: tags
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: cosmosAccountName
    location: location
    tags: tags
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    jwtKeys: jwtKeys
    jwtKeysSecretName: jwtKeysSecretName
    purgeProtection: keyVaultPurgeProtection
  }
}

module email 'app/email.bicep' = {
  name: 'email'
  scope: rg
  params: {
    emailServiceName: '${abbrs.communicationEmailServices}${resourceToken}'
    communicationServiceName: communicationServiceName
    dataLocation: emailDataLocation
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  // Every resource a role is assigned on exists first (the names are passed as values, so say it).
  dependsOn: [
    identity
    storage
    serviceBus
    cosmos
    keyVault
    monitoring
    email
  ]
  params: {
    identityName: identityName
    storageAccountName: storageAccountName
    serviceBusNamespaceName: serviceBusNamespaceName
    cosmosAccountName: cosmosAccountName
    keyVaultName: keyVaultName
    jwtKeysName: jwtKeysSecretName
    appInsightsName: appInsightsName
    communicationServiceName: communicationServiceName
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  // The roles exist before the app first starts, so its triggers and Key Vault reference resolve at once.
  dependsOn: [
    rbac
    storage
    monitoring
  ]
  params: {
    name: functionAppName
    location: location
    tags: tags
    planId: plan.outputs.resourceId
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appInsightsName: appInsightsName
    cosmosEndpoint: cosmos.outputs.endpoint
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    jwtKeysUri: keyVault.outputs.jwtKeysUri
    jwtIssuer: jwtIssuer
    jwtAudience: jwtAudience
    adminEmails: adminEmails
    appBaseUrl: appBaseUrl
    dashboardSchedule: dashboardSchedule
    alertEmailTo: operatorEmail
    reminderDelay: reminderDelay
    emailSender: email.outputs.senderAddress
    acsEndpoint: email.outputs.endpoint
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'monitoringAlerts'
  scope: rg
  dependsOn: [
    serviceBus
    monitoring
  ]
  params: {
    actionGroupName: '${abbrs.insightsActionGroups}${resourceToken}'
    alertNamePrefix: '${abbrs.insightsMetricAlerts}${resourceToken}'
    tags: tags
    operatorEmail: operatorEmail
    serviceBusNamespaceName: serviceBusNamespaceName
    appInsightsName: appInsightsName
    functionFailureThreshold: functionFailureThreshold
  }
}

// Names and addresses only: nothing here is a credential.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CLIENT_ID string = identity.outputs.clientId
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_FUNCTION_NAME string = api.outputs.name
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output KEY_VAULT_NAME string = keyVault.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
