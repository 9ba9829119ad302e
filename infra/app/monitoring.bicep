// Log Analytics and workspace-based Application Insights (Azure Verified Modules). Local auth is off on
// Application Insights: telemetry is accepted only with an Entra token (APPLICATIONINSIGHTS_AUTHENTICATION_STRING
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

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'logAnalyticsWorkspace'
  params: {
    name: logAnalyticsName
    location: location
    tags: tags
    dataRetention: retentionInDays
  }
}

module appInsights 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'applicationInsights'
  params: {
    name: appInsightsName
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true
  }
}

@description('Application Insights name.')
output appInsightsName string = appInsights.outputs.name
