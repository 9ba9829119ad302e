import { planServices } from '../../../tools/dev/servicePlan';

const sample = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  CosmosDB: 'AccountEndpoint=http://localhost:8081/;AccountKey=a2V5;',
  ServiceBusConnection:
    'Endpoint=sb://localhost:5672;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=x;UseDevelopmentEmulator=true;',
  SMTP_URL: 'smtp://localhost:1025',
};

describe('planServices (which offline services dev starts)', () => {
  it('runs everything offline with the sample settings', () => {
    const plan = planServices(sample);
    expect(Object.values(plan).map((d) => d.offline)).toEqual([true, true, true, true]);
  });

  it('leaves Cosmos DB to Azure when an account endpoint is set, even beside a local connection string', () => {
    const plan = planServices({
      ...sample,
      CosmosDB__accountEndpoint: 'https://acct.documents.azure.com:443/',
    });
    expect(plan.cosmos.offline).toBe(false);
    expect(plan.cosmos.reason).toContain('CosmosDB__accountEndpoint');
    expect(plan.serviceBus.offline).toBe(true);
  });

  it('leaves Cosmos DB to Azure when its connection string names a real account', () => {
    const plan = planServices({
      ...sample,
      CosmosDB: 'AccountEndpoint=https://acct.documents.azure.com:443/;AccountKey=a2V5;',
    });
    expect(plan.cosmos.offline).toBe(false);
  });

  it('leaves Service Bus to Azure for a namespace or a non-emulator connection string', () => {
    expect(
      planServices({ ...sample, ServiceBusConnection__fullyQualifiedNamespace: 'ns.servicebus.windows.net' })
        .serviceBus.offline,
    ).toBe(false);
    expect(
      planServices({
        ...sample,
        ServiceBusConnection:
          'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v',
      }).serviceBus.offline,
    ).toBe(false);
  });

  it('treats identity-based or account storage as Azure and Azurite endpoints as offline', () => {
    expect(planServices({ ...sample, AzureWebJobsStorage__accountName: 'st' }).storage.offline).toBe(false);
    expect(
      planServices({
        ...sample,
        AzureWebJobsStorage:
          'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      }).storage.offline,
    ).toBe(false);
    expect(
      planServices({
        ...sample,
        AzureWebJobsStorage:
          'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
      }).storage.offline,
    ).toBe(true);
  });

  it('starts the mail catcher for a local SMTP server only, not beside ACS', () => {
    expect(planServices({ ...sample, SMTP_URL: 'smtp://mail.contoso.com:587' }).mail.offline).toBe(false);
    const { SMTP_URL: _, ...noSmtp } = sample;
    expect(
      planServices({ ...noSmtp, ACS_ENDPOINT: 'https://acs.communication.azure.com' }).mail.offline,
    ).toBe(false);
    expect(planServices(noSmtp).mail.offline).toBe(true);
  });
});
