import { pathToFileURL } from 'node:url';
import { childExecArgv } from '../../../../tools/host/app/childExecArgv';

describe('childExecArgv', () => {
  const saved = process.execArgv;
  afterEach(() => {
    process.execArgv = saved;
  });
  const tsx = pathToFileURL(require.resolve('tsx')).href;

  it("keeps this process's flags without debugger ones, and appends the app's node arguments", () => {
    process.execArgv = ['--inspect=9229', '--enable-source-maps', '--inspect-brk'];
    expect(childExecArgv('/app/worker.cjs', ['--max-old-space-size=512'])).toEqual([
      '--enable-source-maps',
      '--max-old-space-size=512',
    ]);
  });

  it("adds tsx's loader for a TypeScript script, once", () => {
    process.execArgv = [];
    expect(childExecArgv('/host/child.ts', [])).toEqual(['--import', tsx]);
    process.execArgv = ['--import', tsx];
    expect(childExecArgv('/host/child.ts', [])).toEqual(['--import', tsx]);
    expect(childExecArgv('/host/worker.cjs', [])).toEqual(['--import', tsx]);
  });
});
