import { ensureError } from './errors';
import { parseEnvironment } from './environment';
import { startServiceBusEmulator } from './index';

/** `npm run servicebus -- [--port N] [--config FILE] [--data-dir DIR] [--http-port N] [--admin-port N]` */
async function main(): Promise<void> {
  const options = parseEnvironment(process.argv.slice(2));
  const emulator = await startServiceBusEmulator(options);
  process.stdout.write(
    `Service Bus emulator listening on 127.0.0.1:${emulator.port} (AMQP)${options.dataDir ? `, data in ${options.dataDir}` : ', in memory'}\n`,
  );
  if (emulator.httpUrl) process.stdout.write(`Visibility endpoint: ${emulator.httpUrl}/entities\n`);
  process.stdout.write(`ServiceBusConnection=${emulator.connectionString}\n`);
  // After the messaging connection string, which scripts take as the first `Endpoint=` printed.
  if (emulator.adminConnectionString)
    process.stdout.write(`Administration API (ATOM, http): ${emulator.adminConnectionString}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`${ensureError(err).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`servicebus: ${ensureError(err).message}\n`);
  process.exit(1);
});
