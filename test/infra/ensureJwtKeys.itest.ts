import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../shared/config/config';
import { REPO_ROOT } from './policy/loadInfra';

const run = promisify(execFile);
const HOOK = join(REPO_ROOT, 'infra/hooks/ensureJwtKeys.mjs');

/** A stand-in `azd` on PATH that keeps `env set` values in a file and answers `env get-value` from it. */
function fakeAzd(dir: string): { store: string } {
  const store = join(dir, 'env');
  writeFileSync(store, '');
  const script = `#!/bin/sh
if [ "$1 $2" = "env get-value" ]; then
  line=$(grep "^$3=" "${store}") || { echo "ERROR: key '$3' not found" >&2; exit 1; }
  printf '%s\\n' "\${line#*=}"
elif [ "$1 $2" = "env set" ]; then
  printf '%s=%s\\n' "$3" "$4" >> "${store}"
else
  exit 2
fi
`;
  const azd = join(dir, 'azd');
  writeFileSync(azd, script);
  chmodSync(azd, 0o755);
  return { store };
}

describe('infra/hooks/ensureJwtKeys.mjs (azd preprovision)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'orderflow-azd-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const env = (): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` };
    delete e.ORDERFLOW_JWT_KEYS;
    return e;
  };

  it('generates a JWT_KEYS value the app accepts, stores it in the azd env and never prints it', async () => {
    const { store } = fakeAzd(dir);
    const { stdout, stderr } = await run(process.execPath, [HOOK], { env: env() });
    const line = readFileSync(store, 'utf8').trim();
    expect(line).toMatch(/^ORDERFLOW_JWT_KEYS=k1=[A-Za-z0-9_-]{43}$/);
    const value = line.slice('ORDERFLOW_JWT_KEYS='.length);
    expect(stdout + stderr).not.toContain(value.slice(3));
    const config = loadConfig({ JWT_KEYS: value, CosmosDB: 'x', ServiceBusConnection: 'y' });
    expect(config.JWT_KEYS[0]?.secret).toHaveLength(32);
  });

  it('keeps an existing key, so a redeploy does not sign everyone out', async () => {
    const { store } = fakeAzd(dir);
    writeFileSync(store, 'ORDERFLOW_JWT_KEYS=k2=existing\n');
    await run(process.execPath, [HOOK], { env: env() });
    expect(readFileSync(store, 'utf8')).toBe('ORDERFLOW_JWT_KEYS=k2=existing\n');
  });
});
