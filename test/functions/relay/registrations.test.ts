// The bindings each pipeline function registers, captured with a stand-in `app` (no host, no I/O): the
// options that make the pipeline safe are checked here, where a careless edit would first show.
const registered: Record<string, { kind: string; options: Record<string, unknown> }> = {};
const capture = (kind: string) => (name: string, options: Record<string, unknown>) => {
  registered[name] = { kind, options };
};
jest.mock('@azure/functions', () => ({
  app: {
    cosmosDB: capture('cosmosDB'),
    serviceBusQueue: capture('serviceBusQueue'),
    timer: capture('timer'),
    http: capture('http'),
  },
}));

beforeAll(async () => {
  process.env.RELAY_FEED_POLL_DELAY_MS = '250';
  for (const file of [
    'relay/relayOrderChanges',
    'analytics/projectOrderEvent',
    'analytics/recalculateDashboardTimer',
    'analytics/getDashboard',
    'analytics/refreshDashboard',
    'analytics/dashboardPage',
    'alerts/recordDeadLetterAlert',
    'alerts/listDeadLetters',
    'alerts/replayDeadLetter',
    'email/sendEmail',
  ]) {
    await import(`../../../functions/${file}`);
  }
});

describe('pipeline function registrations', () => {
  it('relays the orders change feed with leases in `leases` and a retry policy that never gives up', () => {
    expect(registered.relayOrderChanges?.kind).toBe('cosmosDB');
    expect(registered.relayOrderChanges?.options).toMatchObject({
      connection: 'CosmosDB',
      databaseName: 'orders',
      containerName: 'orders',
      leaseContainerName: 'leases',
      feedPollDelay: 250,
      retry: { strategy: 'exponentialBackoff', maxRetryCount: -1 },
    });
  });

  it('consumes the queues and the dead-letter sub-queue through the connection setting', () => {
    expect(registered.projectOrderEvent?.options).toMatchObject({
      connection: 'ServiceBusConnection',
      queueName: 'orders',
    });
    expect(registered.recordDeadLetterAlert?.options).toMatchObject({
      connection: 'ServiceBusConnection',
      queueName: 'orders/$DeadLetterQueue',
    });
    // Every queue's dead letters are watched, not only those of `orders` (issue 15, item 8).
    expect(registered['recordDeadLetterAlert-emails']?.options).toMatchObject({
      connection: 'ServiceBusConnection',
      queueName: 'emails/$DeadLetterQueue',
    });
    expect(registered.sendEmail?.options).toMatchObject({
      connection: 'ServiceBusConnection',
      queueName: 'emails',
    });
  });

  it('schedules the dashboard from DASHBOARD_SCHEDULE', () => {
    expect(registered.recalculateDashboard?.kind).toBe('timer');
    expect(registered.recalculateDashboard?.options).toMatchObject({ schedule: '%DASHBOARD_SCHEDULE%' });
  });

  it('serves the contract routes', () => {
    const routes = Object.values(registered)
      .filter((r) => r.kind === 'http')
      .map((r) => `${(r.options.methods as string[]).join(',')} ${String(r.options.route)}`)
      .sort();
    expect(routes).toEqual([
      'GET admin/deadletters',
      'GET analytics/dashboard',
      'GET dashboard',
      'GET dashboard/{asset}',
      'POST admin/deadletters/{id}/replay',
      'POST analytics/dashboard/refresh',
    ]);
  });
});
