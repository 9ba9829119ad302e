import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeysFile } from '../../../tools/host/http/HostKeys';

/** The fixture app every host test runs: plain .js/.mjs, so it needs no build. */
export const FIXTURE_APP = join(__dirname, '..', '..', 'fixtures', 'app');

export function fixtureKeys(): KeysFile {
  return JSON.parse(readFileSync(join(FIXTURE_APP, '.func-keys.json'), 'utf8')) as KeysFile;
}
