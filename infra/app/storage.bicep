// Host storage and the deployment package container (local module keeping the AVM conventions, infra/modules). Shared keys are off: the host,
// the platform (reading the package) and nothing else reach it, all through the app's managed identity.

@description('Required. Storage account name.')
param name string

@description('Required. Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Optional. Region of the account.')
param location string = resourceGroup().location

@description('Optional. Tags of the account.')
param tags object = {}

module account '../modules/storage/storage-account.bicep' = {
  name: 'storageAccount'
  params: {
    name: name
    location: location
    tags: tags
    blobContainerNames: [
      deploymentContainerName
    ]
  }
}

@description('Storage account name.')
output name string = account.outputs.name
