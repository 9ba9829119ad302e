// Azure Communication Services Email: an Email Communication Service with an Azure-managed domain, linked to
// a Communication Services resource the app calls with its managed identity (ACS_ENDPOINT).

@description('Required. Email Communication Service name.')
param emailServiceName string

@description('Required. Communication Services name.')
param communicationServiceName string

@description('Optional. Data residency of both resources.')
param dataLocation string = 'United States'

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. Sender user name on the managed domain.')
param senderUsername string = 'DoNotReply'

resource emailService 'Microsoft.Communication/emailServices@2025-09-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

// The Azure-managed domain (<guid>.azurecomm.net) needs no DNS work; swap in a custom domain for production mail.
resource domain 'Microsoft.Communication/emailServices/domains@2025-09-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-09-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      domain.id
    ]
  }
}

@description('Communication Services name.')
output communicationServiceName string = communicationService.name

@description('Endpoint for ACS_ENDPOINT.')
output endpoint string = 'https://${communicationService.properties.hostName}'

@description('From address for EMAIL_SENDER.')
output senderAddress string = '${senderUsername}@${domain.properties.mailFromSenderDomain}'
