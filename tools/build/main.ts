import { resolve } from 'node:path';
import { buildApp } from './buildApp';

const root = resolve(__dirname, '..', '..');
const started = performance.now();
buildApp({ root, minify: process.argv.includes('--minify') })
  .then(() => console.log(`built dist/app in ${Math.round(performance.now() - started)} ms`))
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
