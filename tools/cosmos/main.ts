import { parseArgs } from 'node:util';
import { startCosmosEmulator } from './cosmosEmulator';
import { ensureError } from './errors';

// `npm run cosmos -- [--port N] [--data-dir DIR] [--topology FILE] [--host ADDR] [--compact-floor-bytes N]`
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8081' },
    'data-dir': { type: 'string' },
    topology: { type: 'string' },
    host: { type: 'string' },
    'compact-floor-bytes': { type: 'string' },
  },
});

async function main(): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port: ${values.port}`);
  const floor =
    values['compact-floor-bytes'] === undefined ? undefined : Number(values['compact-floor-bytes']);
  if (floor !== undefined && !(Number.isInteger(floor) && floor >= 0))
    throw new Error(`--compact-floor-bytes: not a byte count: ${values['compact-floor-bytes']}`);
  const emulator = await startCosmosEmulator({
    port,
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values.topology ? { topology: values.topology } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(floor !== undefined ? { compactFloorBytes: floor } : {}),
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  console.log(`Cosmos DB emulator listening on ${emulator.endpoint}`);
  console.log(`CosmosDB=${emulator.connectionString}`);
  console.log(
    values['data-dir']
      ? `data kept in ${values['data-dir']}`
      : 'data in memory only (use --data-dir to keep it)',
  );
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(ensureError(err).message);
  process.exit(1);
});
