import { applySettings, readHostJson, readLocalSettings } from './settings';

/**
 * The app's settings applied to process.env as `func start` applies them (applySettings: `env` wins over the
 * environment, which wins over local.settings.json), and its host.json read.
 */
export function prepareEnvironment(
  appDir: string,
  env: Record<string, string> | undefined,
): { settings: ReturnType<typeof readLocalSettings>; hostJson: Record<string, unknown> } {
  const settings = readLocalSettings(appDir);
  applySettings(settings, env);
  // Azure on Linux reads WEBSITE_TIME_ZONE (an IANA name) as the time zone of timer schedules; Node reads TZ.
  const zone = process.env.WEBSITE_TIME_ZONE;
  if (zone?.includes('/')) process.env.TZ = zone;
  return { settings, hostJson: readHostJson(appDir) };
}
