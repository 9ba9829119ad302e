// A Log Analytics workspace (stands in for avm/res/operational-insights/workspace).

@description('Required. Name of the workspace.')
param name string

@description('Optional. Region of the workspace.')
param location string = resourceGroup().location

@description('Optional. Tags of the workspace.')
param tags object = {}

@minValue(30)
@maxValue(730)
@description('Optional. Days the workspace keeps data.')
param dataRetention int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: dataRetention
    features: {
      // Reading logs needs a role on the workspace or the resource, never the workspace's shared key.
      disableLocalAuth: true
    }
  }
}

@description('The name of the workspace.')
output name string = workspace.name

@description('The resource ID of the workspace.')
output resourceId string = workspace.id

@description('The region the workspace was deployed into.')
output location string = workspace.location
