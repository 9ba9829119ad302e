// Workspace-based Application Insights (stands in for avm/res/insights/component).

@description('Required. Name of the component.')
param name string

@description('Required. Resource ID of the Log Analytics workspace that stores the telemetry.')
param workspaceResourceId string

@description('Optional. Region of the component.')
param location string = resourceGroup().location

@description('Optional. Tags of the component.')
param tags object = {}

resource component 'Microsoft.Insights/components@2020-02-02' = {
  name: name
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspaceResourceId
    // Telemetry only with an Entra ID token (the instrumentation key alone is refused); not a parameter on purpose.
    DisableLocalAuth: true
  }
}

@description('The name of the component.')
output name string = component.name

@description('The resource ID of the component.')
output resourceId string = component.id

@description('The region the component was deployed into.')
output location string = component.location
