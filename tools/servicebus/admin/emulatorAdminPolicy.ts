/** The shape of an @azure/core-rest-pipeline policy, without depending on that package's types. */
export interface HttpPolicy {
  name: string;
  sendRequest(
    request: { url: string; allowInsecureConnection?: boolean },
    next: (request: { url: string; allowInsecureConnection?: boolean }) => Promise<unknown>,
  ): Promise<unknown>;
}

/**
 * For the JavaScript ServiceBusAdministrationClient (7.x), which always sends `https://<endpoint host:port>/...`
 * and drops `allowInsecureConnection` from its options (Azure/azure-sdk-for-js#32757): rewrites each request to
 * plain http, which the emulator's administration port speaks, as the official emulator's does.
 *
 *   const admin = new ServiceBusAdministrationClient(bus.adminConnectionString);
 *   admin.pipeline.addPolicy(emulatorAdminPolicy());
 */
export function emulatorAdminPolicy(): HttpPolicy {
  return {
    name: 'servicebusEmulatorHttp',
    sendRequest(request, next) {
      request.url = request.url.replace(/^https:/i, 'http:');
      request.allowInsecureConnection = true;
      return next(request);
    },
  };
}
