interface PolicyRequest {
  url: string;
  allowInsecureConnection?: boolean;
}

/** The shape of an @azure/core-rest-pipeline policy, without depending on that package's types. */
export interface HttpPolicy<Req extends PolicyRequest, Res> {
  name: string;
  sendRequest(request: Req, next: (request: Req) => Promise<Res>): Promise<Res>;
}

/**
 * For the JavaScript ServiceBusAdministrationClient (7.x), which always sends `https://<endpoint host:port>/...`
 * and drops `allowInsecureConnection` from its options (Azure/azure-sdk-for-js#32757): rewrites each request to
 * plain http, which the emulator's administration port speaks, as the official emulator's does.
 *
 *   const admin = new ServiceBusAdministrationClient(bus.adminConnectionString);
 *   admin.pipeline.addPolicy(emulatorAdminPolicy());
 */
export function emulatorAdminPolicy<Req extends PolicyRequest, Res>(): HttpPolicy<Req, Res> {
  return {
    name: 'servicebusEmulatorHttp',
    sendRequest(request, next) {
      request.url = request.url.replace(/^https:/i, 'http:');
      request.allowInsecureConnection = true;
      return next(request);
    },
  };
}
