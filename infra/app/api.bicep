// The function app: Flex Consumption (FC1), Node 22, running as the user-assigned identity. Every connection is
// identity based: host storage (AzureWebJobsStorage__*), Service Bus, Cosmos DB, Application Insights and the
// deployment package container. The only secret, JWT_KEYS, is a Key Vault reference resolved with that identity.

@description('Required. Function app name.')
param name string

@description('Optional. Region of the app.')
param location string = resourceGroup().location

@description('Optional. Tags; azd-service-name is added.')
param tags object = {}

@description('Optional. azd service this app hosts (azure.yaml).')
param serviceName string = 'api'

@description('Required. Flex Consumption plan resource id.')
param planId string

@description('Required. Resource id of the user-assigned identity.')
param identityId string

@description('Required. Client id of the user-assigned identity.')
param identityClientId string

@description('Required. Host storage account name.')
param storageAccountName string

@description('Required. Blob container holding the deployment package.')
param deploymentContainerName string

@allowed([
  512
  2048
  4096
])
@description('Optional. Memory of each instance in MB.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Optional. Maximum instance count.')
param maximumInstanceCount int = 100

@description('Required. Application Insights name (its connection string is an ingestion address: local auth is off).')
param appInsightsName string

@description('Required. Cosmos DB account endpoint.')
param cosmosEndpoint string

@description('Required. Service Bus host name.')
param serviceBusFullyQualifiedNamespace string

@description('Required. Versionless URI of the JWT_KEYS secret.')
param jwtKeysUri string

@description('Optional. JWT issuer.')
param jwtIssuer string = 'orderflow'

@description('Optional. JWT audience.')
param jwtAudience string = 'orderflow-api'

@description('Optional. Comma-separated admin emails.')
param adminEmails string = ''

@description('Optional. Public base URL; defaults to the app URL.')
param appBaseUrl string = ''

@description('Optional. NCRONTAB schedule of the dashboard recalculation.')
param dashboardSchedule string = '0 */5 * * * *'

@description('Required. Operators\' address for dead-letter alerts.')
param alertEmailTo string

@description('Optional. ISO 8601 delay of the pending-order reminder.')
param reminderDelay string = 'PT24H'

@description('Required. From address of outgoing email.')
param emailSender string

@description('Required. Communication Services endpoint.')
param acsEndpoint string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// No FTP and no SCM basic-auth publishing: deployments go through Entra ID (azd, az, one deploy).
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// Every setting the app reads (shared/config/config.ts); *__credential/*__clientId make the bindings and the
// SDK clients use the user-assigned identity.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // The app's own spans and metrics go to Application Insights with the same identity (shared/telemetry); its
    // cloud role name is this, so the application map shows the app's spans under the function app's name.
    OTEL_SERVICE_NAME: site.name
    AZURE_CLIENT_ID: identityClientId
    CosmosDB__accountEndpoint: cosmosEndpoint
    CosmosDB__credential: 'managedidentity'
    CosmosDB__clientId: identityClientId
    ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    ServiceBusConnection__credential: 'managedidentity'
    ServiceBusConnection__clientId: identityClientId
    JWT_KEYS: '@Microsoft.KeyVault(SecretUri=${jwtKeysUri})'
    JWT_ISSUER: jwtIssuer
    JWT_AUDIENCE: jwtAudience
    ADMIN_EMAILS: adminEmails
    APP_BASE_URL: !empty(appBaseUrl) ? appBaseUrl : 'https://${site.properties.defaultHostName}'
    DASHBOARD_SCHEDULE: dashboardSchedule
    ALERT_EMAIL_TO: alertEmailTo
    REMINDER_DELAY: reminderDelay
    EMAIL_SENDER: emailSender
    ACS_ENDPOINT: acsEndpoint
  }
}

@description('Function app name.')
output name string = site.name

@description('Function app base URL.')
output uri string = 'https://${site.properties.defaultHostName}'
