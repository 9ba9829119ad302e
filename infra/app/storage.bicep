// Host storage and the deployment package container (Azure Verified Module). Shared keys are off: the host,
// the platform (reading the package) and nothing else reach it, all through the app's managed identity.

@description('Required. Storage account name.')
param name string

@description('Required. Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Optional. Region of the account.')
param location string = resourceGroup().location

@description('Optional. Tags of the account.')
param tags object = {}

module account 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storageAccount'
  params: {
    name: name
    location: location
    tags: tags
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      containers: [
        {
          name: deploymentContainerName
        }
      ]
    }
  }
}

@description('Storage account name.')
output name string = account.outputs.name
