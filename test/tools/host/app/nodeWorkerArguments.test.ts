import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  nodeWorkerArguments,
  nodeWorkerArgumentsFor,
  splitArguments,
  withArguments,
} from '../../../../tools/host/app/nodeWorkerArguments';

describe('languageWorkers__node__arguments', () => {
  let dir: string;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'node-args-'));
    delete process.env.languageWorkers__node__arguments;
    delete process.env['languageWorkers:node:arguments'];
  });

  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = (values: Record<string, string>) =>
    writeFileSync(join(dir, 'local.settings.json'), JSON.stringify({ IsEncrypted: false, Values: values }));

  it('splits the value on whitespace', () => {
    expect(splitArguments(' --inspect=9229\t--enable-source-maps\n')).toEqual([
      '--inspect=9229',
      '--enable-source-maps',
    ]);
    expect(splitArguments('')).toEqual([]);
    expect(splitArguments(undefined)).toEqual([]);
  });

  it('reads either spelling from the environment, the double underscore first', () => {
    expect(nodeWorkerArguments({ 'languageWorkers:node:arguments': '--a' })).toEqual(['--a']);
    expect(
      nodeWorkerArguments({
        languageWorkers__node__arguments: '--b',
        'languageWorkers:node:arguments': '--a',
      }),
    ).toEqual(['--b']);
    expect(nodeWorkerArguments({})).toEqual([]);
  });

  it('reads local.settings.json before the app process exists: overrides, then the environment, then the file', () => {
    expect(nodeWorkerArgumentsFor(dir, undefined)).toEqual([]);
    settings({ 'languageWorkers:node:arguments': '--from-file' });
    expect(nodeWorkerArgumentsFor(dir, undefined)).toEqual(['--from-file']);
    process.env.languageWorkers__node__arguments = '--from-env';
    expect(nodeWorkerArgumentsFor(dir, undefined)).toEqual(['--from-env']);
    expect(nodeWorkerArgumentsFor(dir, { languageWorkers__node__arguments: '--override' })).toEqual([
      '--override',
    ]);
  });

  it('adds after the runtime flags each argument they do not already have (a process started with them forks more)', () => {
    expect(
      withArguments(['--import', 'tsx', '--enable-source-maps'], ['--x', '--enable-source-maps']),
    ).toEqual(['--import', 'tsx', '--enable-source-maps', '--x']);
  });

  it('compares options with their values: a second --import or --require is kept whole, the same one not repeated', () => {
    const base = ['--import', 'file:///tsx/esm.mjs', '--enable-source-maps'];
    expect(
      withArguments(base, ['--import', './otel.mjs', '-r', './a.cjs', '--max-old-space-size=512']),
    ).toEqual([...base, '--import', './otel.mjs', '-r', './a.cjs', '--max-old-space-size=512']);
    // A process started with them (the supervisor's app process) forks workers with the same list: no repeat.
    const started = withArguments(base, ['--import', './otel.mjs']);
    expect(withArguments(started, ['--import', './otel.mjs'])).toEqual(started);
  });
});
