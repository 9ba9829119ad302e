import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..');

describe('describeWithBrowser on a machine with no browser', () => {
  // A child jest runs a fixture whose only test would fail if it ran; CHROME_PATH points nowhere.
  const runFixture = (env: Record<string, string>) =>
    spawnSync(
      process.execPath,
      [
        join(repo, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--rootDir',
        repo,
        '--config',
        JSON.stringify({
          testMatch: ['<rootDir>/test/fixtures/browserDependent.fixture.ts'],
          transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' } } }] },
          testEnvironment: 'node',
        }),
        '--ci=false',
      ],
      { cwd: repo, encoding: 'utf8', env: { ...process.env, CHROME_PATH: '/nonexistent/chrome', ...env } },
    );

  it('skips, naming the command that installs Chromium, and passes', () => {
    const run = runFixture({ CI: '' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/1 skipped/);
    expect(run.stderr).toMatch(/apt-get install chromium/);
  }, 60_000);

  it('fails under CI=true', () => {
    const run = runFixture({ CI: 'true' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/apt-get install chromium/);
  }, 60_000);
});
