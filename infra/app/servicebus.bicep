// Service Bus: Standard namespace, Entra ID only, queues exactly as infra/topology.json declares them.
// The topology's queue properties use the ARM names and ISO 8601 durations, so they map onto the queue as is.

@description('Required. Namespace name.')
param name string

@description('Optional. Region of the namespace.')
param location string = resourceGroup().location

@description('Optional. Tags of the namespace.')
param tags object = {}

var topology = loadJsonContent('../topology.json')
var queues = items(topology.serviceBus.queues)

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = [
  for q in queues: {
    parent: namespace
    name: q.key
    properties: q.value
  }
]

@description('Namespace name.')
output name string = namespace.name

@description('Host name for ServiceBusConnection__fullyQualifiedNamespace, for example sb-x.servicebus.windows.net.')
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
