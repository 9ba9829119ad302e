// An App Service plan (stands in for avm/res/web/serverfarm); here the Flex Consumption plan of the function app.

@description('Required. Name of the plan.')
param name string

@description('Required. SKU of the plan, e.g. { name: \'FC1\', tier: \'FlexConsumption\' }.')
param sku object

@description('Optional. Linux plan (required by Flex Consumption).')
param reserved bool = true

@description('Optional. Region of the plan.')
param location string = resourceGroup().location

@description('Optional. Tags of the plan.')
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: name
  location: location
  tags: tags
  sku: sku
  kind: reserved ? 'functionapp,linux' : 'functionapp'
  properties: {
    reserved: reserved
  }
}

@description('The name of the plan.')
output name string = plan.name

@description('The resource ID of the plan.')
output resourceId string = plan.id

@description('The region the plan was deployed into.')
output location string = plan.location
