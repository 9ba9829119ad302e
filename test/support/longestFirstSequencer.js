// Jest's sequencer, with the suites that take the better part of a minute or more started first. Without timings
// from an earlier run (a clean clone, as in CI) Jest orders files by size, which started the 2-3 minute short soak
// last: the run then ended with one worker on the soak and the other idle (about 45 s of the 10-minute budget).
// With a cache of timings Jest's own order is longest-first already; these stay first either way.
const Sequencer = require('@jest/test-sequencer').default;

/** Slowest first, as measured on a clean-clone CI run (2 cores): seconds in the comment. */
const FIRST = [
  'test/tools/soak/soak.itest.ts', // 146-184
  'test/tools/servicebus/volume.itest.ts', // 55-60
  'test/dotnet/dotnetSuite.itest.ts', // 54-62
  'test/shared/events/retryTransient.itest.ts', // 45
  'test/tools/dev/dev.itest.ts', // 43-48
];

class LongestFirstSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (test) => {
      const i = FIRST.findIndex((suffix) => test.path.endsWith(suffix));
      return i === -1 ? FIRST.length : i;
    };
    // Array.prototype.sort is stable: every other suite keeps Jest's order.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongestFirstSequencer;
