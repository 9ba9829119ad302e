/**
 * `MSSBCBS`, the SASL mechanism Azure Service Bus offers beside ANONYMOUS. The .NET SDK (Microsoft.Azure.Amqp
 * under Azure.Messaging.ServiceBus) insists on it and fails with "None of the server sasl-mechanisms
 * ([ANONYMOUS]) are supported by the client (MSSBCBS)" when it is not offered. Like ANONYMOUS it carries no
 * credential: the client authorizes afterwards by putting a token on `$cbs`, as with the JS SDK.
 */
interface SaslServerMechanism {
  outcome: boolean | undefined;
  username: string | undefined;
  start(response?: Buffer): void;
}

export function enableCbsSasl(mechanisms: unknown): void {
  (mechanisms as Record<string, () => SaslServerMechanism>)['MSSBCBS'] = () => ({
    outcome: undefined,
    username: undefined,
    start(response?: Buffer) {
      this.outcome = true;
      this.username = response?.length ? response.toString('utf8') : 'cbs';
    },
  });
}
