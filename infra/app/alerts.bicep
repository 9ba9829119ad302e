// Operator alerts: one dead-letter alert per topology queue (orders, emails, and any queue added there), and
// failed function invocations, all mailed through one action group.

@description('Required. Action group name.')
param actionGroupName string

@description('Required. Prefix of the alert rule names.')
param alertNamePrefix string

@description('Optional. Tags of the alert resources.')
param tags object = {}

@description('Required. Operator mailbox that receives the alerts.')
param operatorEmail string

@description('Required. Service Bus namespace name.')
param serviceBusNamespaceName string

@description('Required. Application Insights name.')
param appInsightsName string

@minValue(0)
@description('Optional. Failed invocations in the window above which the failure alert fires.')
param functionFailureThreshold int = 0

var topology = loadJsonContent('../topology.json')
// One rule per queue, filtered on EntityName: the alert that fires names the queue that dead-lettered, and a
// queue added to the topology gets its alert with no edit here.
var queueNames = map(items(topology.serviceBus.queues), q => q.key)

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'orderflow'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: operatorEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource deadLetterAlerts 'Microsoft.Insights/metricAlerts@2026-01-01' = [
  for queueName in queueNames: {
    name: '${alertNamePrefix}-deadletters-${queueName}'
    location: 'global'
    tags: tags
    properties: {
      description: 'A message was dead-lettered on queue ${queueName}. Inspect it in Service Bus Explorer or GET /api/admin/deadletters.'
      severity: 1
      enabled: true
      scopes: [
        namespace.id
      ]
      evaluationFrequency: 'PT1M'
      windowSize: 'PT5M'
      autoMitigate: true
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: 'DeadletteredMessages'
            metricNamespace: 'Microsoft.ServiceBus/namespaces'
            metricName: 'DeadletteredMessages'
            dimensions: [
              {
                name: 'EntityName'
                operator: 'Include'
                values: [
                  queueName
                ]
              }
            ]
            operator: 'GreaterThan'
            threshold: 0
            // Maximum over the window: the alerts function drains the dead-letter queue quickly, and the
            // alert must still fire for a message that was there for a moment only.
            timeAggregation: 'Maximum'
          }
        ]
      }
      actions: [
        {
          actionGroupId: actionGroup.id
        }
      ]
    }
  }
]

resource failureAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: '${alertNamePrefix}-function-failures'
  location: 'global'
  tags: tags
  properties: {
    description: 'Function invocations failed. See Application Insights > Failures.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'FailedInvocations'
          metricNamespace: 'microsoft.insights/components'
          metricName: 'requests/failed'
          operator: 'GreaterThan'
          threshold: functionFailureThreshold
          timeAggregation: 'Count'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}
