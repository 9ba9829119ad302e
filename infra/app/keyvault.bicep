// Key Vault (RBAC authorization) holding JWT_KEYS. The value arrives as a secure parameter and is written
// once into the secret; the app reads it through a Key Vault reference, so it never appears in app settings,
// deployment outputs or logs.

@description('Required. Vault name.')
param name string

@description('Optional. Region of the vault.')
param location string = resourceGroup().location

@description('Optional. Tags of the vault.')
param tags object = {}

@secure()
@description('Required. JWT_KEYS value: kid=base64url-secret pairs, comma-separated, first signs.')
param jwtKeys string

@description('Optional. Name of the secret that holds JWT_KEYS.')
param jwtKeysSecretName string = 'jwt-keys'

@description('Optional. Turn on purge protection (it cannot be turned off again).')
param purgeProtection bool = true

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The property may only be set to true or left out: false is rejected once it was ever true.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource jwtKeysSecret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = {
  parent: vault
  name: jwtKeysSecretName
  properties: {
    value: jwtKeys
    contentType: 'JWT_KEYS: kid=base64url pairs, first signs'
    attributes: {
      enabled: true
    }
  }
}

@description('Vault name.')
output name string = vault.name

@description('Name of the JWT_KEYS secret.')
output jwtKeysName string = jwtKeysSecret.name

@description('Versionless secret URI (an address, not the value): the reference follows new versions.')
output jwtKeysUri string = jwtKeysSecret.properties.secretUri
