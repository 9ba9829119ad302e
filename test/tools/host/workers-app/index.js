// Which process serves what: every process that loads the app appends its pid to WORKERS_DIR/loads, every appStart
// hook to WORKERS_DIR/starts and every timer run to WORKERS_DIR/ticks; GET /api/pid answers the serving pid (and its node flags).
const { appendFileSync, openSync, closeSync } = require('node:fs');
const { join } = require('node:path');
const { app } = require('@azure/functions');

const dir = process.env.WORKERS_DIR;
const note = (file) => appendFileSync(join(dir, file), `${process.pid}\n`);

// WORKERS_FAIL_AFTER_FIRST: only the first process to load succeeds, as with an app that cannot load twice.
if (process.env.WORKERS_FAIL_AFTER_FIRST === 'true') {
  try {
    closeSync(openSync(join(dir, 'first'), 'wx'));
  } catch {
    throw new Error(`workers-app refuses a second load (pid ${process.pid})`);
  }
}
note('loads');

app.hook.appStart(() => note('starts'));

app.http('pid', {
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => ({ jsonBody: { pid: process.pid, execArgv: process.execArgv } }),
});

app.timer('tick', {
  // Rarely on schedule: runs at start, and when invoked through the admin API.
  schedule: '0 0 0 1 1 *',
  runOnStartup: true,
  handler: () => note('ticks'),
});
