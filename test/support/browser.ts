import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where browser tests leave their screenshots (git-ignored). */
export const ARTIFACTS = resolve(__dirname, '..', 'artifacts');

/** The one command that gives a Debian or Ubuntu machine the browser these tests drive. */
export const INSTALL_HINT =
  process.getuid?.() === 0 ? 'apt-get install chromium' : 'sudo apt-get install chromium';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const MAC_APPS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * A Chromium-family browser where people keep one: `CHROME_PATH`, then each usual name on `PATH`, then the
 * macOS applications. Undefined when there is none (playwright-core downloads no browser of its own).
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  isExecutable: (path: string) => boolean = executable,
): string | undefined {
  if (env.CHROME_PATH) return isExecutable(env.CHROME_PATH) ? env.CHROME_PATH : undefined;
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of NAMES) {
    for (const dir of dirs) if (isExecutable(join(dir, name))) return join(dir, name);
  }
  return MAC_APPS.find(isExecutable);
}

/**
 * `describe` for tests that drive a browser. With none found the block is skipped, its one placeholder test
 * naming the command that installs Chromium, so `npm test` passes on a fresh machine; under `CI=true` a missing
 * browser fails the run instead, since CI installs one and a silent skip would hide a broken install.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (findChromium()) {
    describe(name, body);
    return;
  }
  const message = `no Chromium found (CHROME_PATH, chromium, chromium-browser, google-chrome): install it with \`${INSTALL_HINT}\``;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs a browser', () => {
        throw new Error(message);
      });
    });
    return;
  }
  describe(name, () => {
    it.skip(`skipped: ${message}`, () => undefined);
  });
  process.emitWarning(`${name}: ${message}`);
}

/** A headless browser context with a throw-away profile; close() removes both. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches the browser findChromium() found, headless, with nothing reaching beyond loopback. */
export async function launchBrowser(
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<TestBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`no Chromium found: ${INSTALL_HINT}`);
  const profile = mkdtempSync(join(tmpdir(), 'orderflow-chromium-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
