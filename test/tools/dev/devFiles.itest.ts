import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBuildFresh } from '../../../tools/dev/freshBuild';
import { ensureLocalSettings } from '../../../tools/dev/localSettings';
import { assertPortsFree } from '../../../tools/dev/ports';

describe('dev helpers on real files and sockets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dev-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates local.settings.json from the sample once, owner-only, with a new JWT secret each time', () => {
    writeFileSync(
      join(dir, 'local.settings.sample.json'),
      JSON.stringify({ IsEncrypted: false, Values: { JWT_KEYS: 'local=REPLACE', OTHER: 'kept' } }),
    );
    const first = ensureLocalSettings(dir);
    expect(first.created).toBe(true);
    expect(first.settings.Values.OTHER).toBe('kept');
    expect(first.settings.Values.JWT_KEYS).toMatch(/^local=[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dir, 'local.settings.json')).mode & 0o077).toBe(0);
    const again = ensureLocalSettings(dir);
    expect(again.created).toBe(false);
    expect(again.settings.Values.JWT_KEYS).toBe(first.settings.Values.JWT_KEYS);
    rmSync(join(dir, 'local.settings.json'));
    expect(ensureLocalSettings(dir).settings.Values.JWT_KEYS).not.toBe(first.settings.Values.JWT_KEYS);
    expect(readFileSync(join(dir, 'local.settings.sample.json'), 'utf8')).toContain('REPLACE');
  });

  it('names a busy port and what it was for', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(assertPortsFree([{ port, what: 'Functions host' }])).rejects.toThrow(
        new RegExp(`Port ${port} \\(Functions host\\) already in use: is another \`npm run dev\``),
      );
    } finally {
      await new Promise((done) => blocker.close(done));
    }
    await expect(assertPortsFree([{ port, what: 'Functions host' }])).resolves.toBeUndefined();
  });

  it('calls a build fresh only when dist/app/main.mjs is newer than every source', () => {
    mkdirSync(join(dir, 'functions', 'svc'), { recursive: true });
    mkdirSync(join(dir, 'dist', 'app'), { recursive: true });
    const source = join(dir, 'functions', 'svc', 'f.ts');
    const main = join(dir, 'dist', 'app', 'main.mjs');
    expect(isBuildFresh(dir)).toBe(false);
    writeFileSync(source, '');
    writeFileSync(main, '');
    utimesSync(source, new Date(1_000_000), new Date(1_000_000));
    utimesSync(join(dir, 'functions', 'svc'), new Date(1_000_000), new Date(1_000_000));
    utimesSync(join(dir, 'functions'), new Date(1_000_000), new Date(1_000_000));
    expect(isBuildFresh(dir)).toBe(true);
    utimesSync(source, new Date(), new Date(Date.now() + 5_000));
    expect(isBuildFresh(dir)).toBe(false);
  });
});
