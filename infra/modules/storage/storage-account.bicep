// A StorageV2 account with blob containers (stands in for avm/res/storage/storage-account). Reached only with
// Entra ID: shared keys, anonymous blobs and plain HTTP are off and are not parameters.

@description('Required. Name of the account.')
param name string

@description('Optional. Names of the blob containers to create.')
param blobContainerNames string[] = []

@description('Optional. Region of the account.')
param location string = resourceGroup().location

@description('Optional. Tags of the account.')
param tags object = {}

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
@description('Optional. Replication of the account.')
param skuName string = 'Standard_LRS'

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
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
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in blobContainerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

@description('The name of the account.')
output name string = account.name

@description('The resource ID of the account.')
output resourceId string = account.id

@description('The region the account was deployed into.')
output location string = account.location
