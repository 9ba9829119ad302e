import { join } from 'node:path';
import { ARTIFACTS, describeWithBrowser, launchBrowser, type TestBrowser } from '../../support/browser';
import { startStack, type Stack } from '../../support/stack';

// Debian's Chromium (`.ci/run` installs it) driven by playwright-core: the API reference as a person sees it.
let stack: Stack;
let browser: TestBrowser | undefined;

describeWithBrowser('API reference page in a browser', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('renders every operation from our own origin only, with no CSP violation or script error', async () => {
    const page = await browser!.context.newPage();
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
    await page.screenshot({ path: join(ARTIFACTS, 'api-docs.png') });
    // Swagger UI's warning banner (e.g. for a non-default jsonSchemaDialect) sits in .errors-wrapper.
    expect(await page.locator('.errors-wrapper').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toMatch(/Warning|different from the default/);
    expect(problems).toEqual([]);
  });
});
