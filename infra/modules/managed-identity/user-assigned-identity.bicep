// A user-assigned managed identity (stands in for avm/res/managed-identity/user-assigned-identity).

@description('Required. Name of the identity.')
param name string

@description('Optional. Region of the identity.')
param location string = resourceGroup().location

@description('Optional. Tags of the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('The name of the identity.')
output name string = identity.name

@description('The resource ID of the identity.')
output resourceId string = identity.id

@description('The principal (object) ID of the identity.')
output principalId string = identity.properties.principalId

@description('The client (application) ID of the identity.')
output clientId string = identity.properties.clientId

@description('The region the identity was deployed into.')
output location string = identity.location
