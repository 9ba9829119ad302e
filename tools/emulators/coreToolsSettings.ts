/** What a Core Tools (`func start`) user puts in local.settings.json and host.json to use the offline emulators. */
export interface CoreToolsSettings {
  localSettings: { IsEncrypted: false; Values: Record<string, string> };
  /** The host.json fragment the emulators need. */
  hostJson: { extensions: { cosmosDB: { connectionMode: 'Gateway' } } };
  /** Both, as printed. */
  text: string;
}

/**
 * `connections` are the settings the dev stack hands its own host (AzureWebJobsStorage, CosmosDB,
 * ServiceBusConnection, SMTP_URL), which are the app-setting names the functions' bindings use.
 */
export function coreToolsSettings(connections: Record<string, string>, mailUrl?: string): CoreToolsSettings {
  const localSettings = {
    IsEncrypted: false as const,
    Values: { FUNCTIONS_WORKER_RUNTIME: 'node', ...connections },
  };
  // The Cosmos DB emulator speaks the gateway (HTTP) protocol only, not Direct mode's TCP.
  const hostJson = { extensions: { cosmosDB: { connectionMode: 'Gateway' as const } } };
  const text = [
    'Offline emulators are up. For Core Tools (func start), put these in local.settings.json:',
    JSON.stringify(localSettings, null, 2),
    "and make sure host.json has (Gateway is the extension's default; the emulator has no Direct mode):",
    JSON.stringify(hostJson, null, 2),
    ...(mailUrl ? [`Mail caught at ${mailUrl}`] : []),
    'Ctrl-C stops them.',
  ].join('\n');
  return { localSettings, hostJson, text };
}
