// Cosmos DB for NoSQL: one database per service with the containers, partition keys and TTLs of
// infra/topology.json (the `leases` container of the change-feed trigger included). Keys are off: data-plane
// access is Entra ID through sqlRoleAssignments (app/rbac.bicep), and key-based metadata writes are refused.

@description('Required. Account name.')
param name string

@description('Optional. Region of the account.')
param location string = resourceGroup().location

@description('Optional. Tags of the account.')
param tags object = {}

@allowed([
  'serverless'
  'provisioned'
])
@description('Optional. serverless, or provisioned autoscale throughput shared by the containers of each database.')
param capacityMode string = 'serverless'

@minValue(1000)
@description('Optional. Autoscale maximum RU/s of each database when capacityMode is provisioned.')
param autoscaleMaxThroughput int = 1000

var topology = loadJsonContent('../topology.json')
var databases = items(topology.cosmos.databases)
// One row per container: the database it belongs to (as an index into `databases`) and its resource body.
var containers = flatten(map(range(0, length(databases)), i => map(items(databases[i].value.containers), c => {
  databaseIndex: i
  resource: union(
    {
      id: c.key
      partitionKey: {
        paths: [
          c.value.partitionKey
        ]
        kind: 'Hash'
        version: 2
      }
    },
    contains(c.value, 'defaultTtl') ? { defaultTtl: c.value.defaultTtl } : {}
  )
})))
var serverless = capacityMode == 'serverless'

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: serverless
      ? [
          {
            name: 'EnableServerless'
          }
        ]
      : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-10-15' = [
  for db in databases: {
    parent: account
    name: db.key
    properties: {
      resource: {
        id: db.key
      }
      options: serverless
        ? {}
        : {
            autoscaleSettings: {
              maxThroughput: autoscaleMaxThroughput
            }
          }
    }
  }
]

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = [
  for c in containers: {
    parent: database[c.databaseIndex]
    name: c.resource.id
    properties: {
      resource: c.resource
      options: {}
    }
  }
]

@description('Account name.')
output name string = account.name

@description('Account endpoint for CosmosDB__accountEndpoint.')
output endpoint string = account.properties.documentEndpoint
