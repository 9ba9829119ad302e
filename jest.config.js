// Two projects: `unit` (pure logic, milliseconds) and `integration` (real sockets against the offline stack).
// swc strips types only; `npm test` runs tsc first, so type errors still fail the build.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // ESM-only packages that jest must transform to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(postal-mime)/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // The minutes-long suites start first, so both workers finish together (see the file).
  testSequencer: '<rootDir>/test/support/longestFirstSequencer.js',
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.itest.ts'] },
  ],
};
