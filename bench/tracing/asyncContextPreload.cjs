// Preloaded (node --require) into the tracing bench's third host, which runs with telemetry off: one
// AsyncLocalStorage entered once, as OpenTelemetry's AsyncLocalStorageContextManager enters one on its first
// context.with. Before AsyncContextFrame (Node 24; Node 22 with --experimental-async-context-frame) that turns on the async_hooks promise hooks for every promise in the process, which is
// the context manager's cost before any span exists; this host measures that cost alone.
const { AsyncLocalStorage } = require('node:async_hooks');

new AsyncLocalStorage().enterWith({});
