import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `--count N` (default one million), `--data-dir DIR` (default a fresh temporary folder) and `--memory-only`
 * (the service keeps nothing on disk; only scripts that say so honour it).
 */
export function volumeArgs(name: string): {
  count: number;
  dataDir: string;
  root: string;
  memoryOnly: boolean;
} {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000000' },
      'data-dir': { type: 'string' },
      'memory-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count <= 0)
    throw new Error(`--count must be a positive integer, got ${values.count}`);
  return {
    count,
    dataDir: values['data-dir']
      ? resolve(values['data-dir'])
      : mkdtempSync(join(tmpdir(), `orderflow-${name}-`)),
    root: resolve(__dirname, '..', '..'),
    memoryOnly: values['memory-only'],
  };
}

export const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
