import { parseArgs } from 'node:util';

export interface ServiceBusCliOptions {
  port: number;
  config: string | undefined;
  topology: string | undefined;
  dataDir: string | undefined;
  httpPort: number | undefined;
  adminPort: number | undefined;
  host: string;
}

function port(value: string | undefined, name: string, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--${name} must be a port number (0 = any free port), got '${value}'`);
  return n;
}

/** The CLI's arguments: `[--port N] [--config FILE] [--topology FILE] [--data-dir DIR] [--http-port N] [--admin-port N] [--host H]`. */
export function parseEnvironment(argv: string[]): ServiceBusCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      config: { type: 'string' },
      topology: { type: 'string' },
      'data-dir': { type: 'string' },
      'http-port': { type: 'string' },
      'admin-port': { type: 'string' },
      host: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    port: port(values.port, 'port', 5672)!,
    config: values.config,
    topology: values.topology,
    dataDir: values['data-dir'],
    httpPort: port(values['http-port'], 'http-port', undefined),
    adminPort: port(values['admin-port'], 'admin-port', undefined),
    host: values.host ?? '127.0.0.1',
  };
}
