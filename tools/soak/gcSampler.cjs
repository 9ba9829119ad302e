// Preloaded by the soak into every Node process of its stack (NODE_OPTIONS `--expose-gc --require <this>`,
// SOAK_GC_DIR set): on SIGUSR2 the process runs a full garbage collection and writes its memory right after it
// to `<SOAK_GC_DIR>/<pid>.json`. V8 grows its heap lazily (old space up to several times what is live before a
// major collection) and pages once committed stay in RSS, so a raw RSS series measures V8's heap sizing; RSS
// right after a full collection is what the process cannot give back: the figure a leak grows.
// Plain CommonJS: NODE_OPTIONS preloads run before tsx's loader is registered.
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { isMainThread } = require('node:worker_threads');

const dir = process.env.SOAK_GC_DIR;
if (dir && isMainThread && typeof globalThis.gc === 'function') {
  const file = join(dir, `${process.pid}.json`);
  const write = (gcs) => {
    const m = process.memoryUsage();
    const sample = {
      pid: process.pid,
      at: Date.now(),
      gcs,
      rss: m.rss,
      heapUsed: m.heapUsed,
      external: m.external,
    };
    writeFileSync(`${file}.tmp`, JSON.stringify(sample));
    renameSync(`${file}.tmp`, file);
  };
  let gcs = 0;
  // Written at load: the file says this process answers SIGUSR2 (whose default action would end it).
  write(gcs);
  process.on('SIGUSR2', () => {
    globalThis.gc();
    gcs += 1;
    try {
      write(gcs);
    } catch {
      // The soak's data dir is gone (it is closing): nothing to report to.
    }
  });
}
