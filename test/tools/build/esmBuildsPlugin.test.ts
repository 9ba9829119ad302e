import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { esmBuildsPlugin } from '../../../tools/build/esmBuildsPlugin';

const root = resolve(__dirname, '..', '..', '..');

/** Bundles `contents` (resolved from the repository root) as buildApp does, with the plugin for @opentelemetry. */
async function bundle(contents: string, withPlugin = true): Promise<string> {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: withPlugin ? [esmBuildsPlugin(/^@opentelemetry\/[^/]+$/)] : [],
  });
  return out.outputFiles[0]!.text;
}

const bundledFrom = (code: string, pkg: string): string[] => [
  ...new Set([...code.matchAll(new RegExp(`// node_modules/${pkg}/build/(\\w+)/`, 'g'))].map((m) => m[1]!)),
];

describe('esmBuildsPlugin', () => {
  it('bundles one ESM copy of a package for both import and require, and it runs', async () => {
    const code = await bundle(`
      import { trace, context } from '@opentelemetry/api';
      const required = require('@opentelemetry/api');
      console.log(required.trace === trace && required.context === context);
    `);
    expect(bundledFrom(code, '@opentelemetry/api')).toEqual(['esm']);
    const dir = mkdtempSync(join(tmpdir(), 'esm-builds-'));
    try {
      const file = join(dir, 'bundle.mjs');
      writeFileSync(file, code);
      expect(execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim()).toBe('true');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses a top-level module field where the package has no exports map', async () => {
    const code = await bundle(`export { hrTime } from '@opentelemetry/core';`);
    expect(bundledFrom(code, '@opentelemetry/core')).toEqual(['esm']);
  });

  it('leaves a package without an ESM build, a subpath import and other scopes to the usual resolution', async () => {
    const contents = `
      export { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
      export * from '@opentelemetry/api/experimental';
      export { z } from 'zod';
    `;
    const code = await bundle(contents);
    expect(bundledFrom(code, '@opentelemetry/context-async-hooks')).toEqual(['src']);
    expect(code).toBe(await bundle(contents, false));
  });
});
