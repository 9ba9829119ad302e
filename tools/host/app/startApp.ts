import { HostError } from '../errors';
import type { HostLogger } from '../invoke/HostLogger';
import type { AppRegistry } from './AppRegistry';
import { entryPointFiles, loadEntryPoints } from './loadApp';

/**
 * Loads the app as the Node worker does (its entry points register functions through the core module), then runs
 * its appStart hooks. Resolves with the library's HTTP proxy URI when the app enabled HTTP streaming.
 */
export async function startApp(
  appDir: string,
  registry: AppRegistry,
  logger: HostLogger,
): Promise<string | undefined> {
  const files = await entryPointFiles(appDir);
  logger.host('information', `Loading ${files.length} entry point file(s) from ${appDir}`);
  await loadEntryPoints(appDir, files);
  const model = registry.programmingModel;
  if (!model)
    throw new HostError('The app loaded but set no programming model: it does not use @azure/functions v4.');
  const caps = (await model.getCapabilities?.({})) ?? {};
  await registry.runAppHooks('appStart', { functionAppDirectory: appDir });
  registry.hasFinishedStartup = true;
  // Set when the app called app.setup({ enableHttpStream: true }): HTTP requests go through the library's proxy.
  return caps.HttpUri;
}
