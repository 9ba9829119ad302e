import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { startStack, type Stack } from '../../support/stack';

// Debian's Chromium (`.ci/run` installs it) driven by playwright-core: the API reference as a person sees it.
let stack: Stack;
let context: BrowserContext | undefined;
let profile: string;

beforeAll(async () => {
  stack = await startStack();
  profile = mkdtempSync(join(tmpdir(), 'orderflow-docs-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}, 120_000);
afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await stack?.close();
});

describe('API reference page in a browser', () => {
  it('renders every operation from our own origin only, with no CSP violation or script error', async () => {
    const page = await context!.newPage();
    const problems: string[] = [];
    const origins = new Set<string>();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
        problems.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('data:')) origins.add(new URL(r.url()).origin);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });

    await page.goto(`${stack.baseUrl}/api/docs`);
    const doc = (await (await fetch(`${stack.baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    // Swagger UI renders one .opblock per operation once it has fetched and parsed the document.
    await page.waitForFunction((n) => document.querySelectorAll('.opblock').length >= n, operations, {
      timeout: 30_000,
    });
    expect(await page.locator('.opblock').count()).toBe(operations);
    expect(await page.locator('.title').first().innerText()).toContain('orderflow API');
    expect([...origins]).toEqual([stack.baseUrl]);
    expect(problems).toEqual([]);
  });
});
