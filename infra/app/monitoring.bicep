// Log Analytics and workspace-based Application Insights (local modules with the AVM conventions, infra/modules).
// Local auth is off on Application Insights: telemetry is accepted only with an Entra token (APPLICATIONINSIGHTS_AUTHENTICATION_STRING
// and the Monitoring Metrics Publisher role), which is why its connection string is an address, not a secret.

@description('Required. Log Analytics workspace name.')
param logAnalyticsName string

@description('Required. Application Insights name.')
param appInsightsName string

@description('Optional. Region of both resources.')
param location string = resourceGroup().location

@description('Optional. Tags of both resources.')
param tags object = {}

@minValue(30)
@description('Optional. Days Log Analytics keeps data.')
param retentionInDays int = 30

module logAnalytics '../modules/operational-insights/workspace.bicep' = {
  name: 'logAnalyticsWorkspace'
  params: {
    name: logAnalyticsName
    location: location
    tags: tags
    dataRetention: retentionInDays
  }
}

module appInsights '../modules/insights/component.bicep' = {
  name: 'applicationInsights'
  params: {
    name: appInsightsName
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
  }
}

@description('Application Insights name.')
output appInsightsName string = appInsights.outputs.name
