import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startCosmosEmulator, type CosmosEmulator } from '../../tools/cosmos';
import { startServiceBusEmulator, type ServiceBusEmulatorHandle } from '../../tools/servicebus';
import { dotnetAvailable } from '../infra/arm/bicepCli';

// The .NET compatibility suite (test/dotnet/Orderflow.Compat.Tests, xunit): Azure.Messaging.ServiceBus and
// Microsoft.Azure.Cosmos, the SDKs under a C# Functions app and `func start`'s extensions, against our broker
// and Cosmos DB emulator, started here on free ports. Without dotnet it is skipped (CI=true: it must run).
const ROOT = resolve(__dirname, '../..');
const PROJECT = join(ROOT, 'test/dotnet/Orderflow.Compat.Tests');
export const ENABLE_DOTNET_SUITE = 'install the .NET SDK (dotnet), then: npx jest test/dotnet -i';

const runnable = dotnetAvailable();
const ci = process.env['CI'] === 'true';
if (!runnable && !ci)
  console.warn(`skipped: the .NET compatibility suite needs dotnet (${ENABLE_DOTNET_SUITE})`);

interface DotnetRun {
  code: number | null;
  output: string;
}

function dotnet(args: string[], env: NodeJS.ProcessEnv): Promise<DotnetRun> {
  return new Promise((done, fail) => {
    const child = spawn('dotnet', args, {
      cwd: ROOT,
      env: { ...process.env, ...env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

/** The runner's result lines, then every failed test's block (its `Failed` line up to the next test's line). */
export function xunitSummary(output: string): string[] {
  const failed: string[] = [];
  const rest: string[] = [];
  let inFailure = false;
  for (const l of output.split('\n')) {
    if (/^\s*(Test Run|Total tests)/.test(l)) inFailure = false;
    else if (/^\s*(Passed|Failed|Skipped) \S/.test(l)) inFailure = /^\s*Failed /.test(l);
    if (inFailure) {
      if (l.trim() !== '') failed.push(l);
    } else if (/Passed|Failed:|Total|Test Run|error|transaction:|administration:/i.test(l)) rest.push(l);
  }
  return [...rest, '--- failed ---', ...failed];
}

(runnable || ci ? describe : describe.skip)('.NET SDKs against the offline emulators', () => {
  let serviceBus: ServiceBusEmulatorHandle | undefined;
  let cosmos: CosmosEmulator | undefined;

  beforeAll(async () => {
    if (!runnable) throw new Error(`CI=true but dotnet is missing: ${ENABLE_DOTNET_SUITE}`);
    serviceBus = await startServiceBusEmulator({
      port: 0,
      adminPort: 0,
      config: join(ROOT, 'test/dotnet/Config.json'),
    });
    cosmos = await startCosmosEmulator({ port: 0 });
  });

  afterAll(async () => {
    await serviceBus?.close();
    await cosmos?.close();
  });

  it('passes the xunit suite (Service Bus and Cosmos DB)', async () => {
    const build = await dotnet(['build', PROJECT, '--verbosity', 'quiet', '-warnaserror'], {});
    expect({ code: build.code, output: build.code === 0 ? '' : build.output }).toEqual({
      code: 0,
      output: '',
    });
    const run = await dotnet(['test', PROJECT, '--no-build', '--logger', 'console;verbosity=normal'], {
      SERVICEBUS_CONNECTION: serviceBus!.connectionString,
      // ServiceBusAdministrationClient: the same string with the admin port (plain http, like the emulator's 5300).
      SERVICEBUS_ADMIN_CONNECTION: serviceBus!.adminConnectionString,
      COSMOS_ENDPOINT: cosmos!.endpoint,
      COSMOS_KEY: cosmos!.key,
    });
    // The runner's own lines say which tests failed and why. CI shows the head and the tail of a long output, so
    // the summary ends with each failed test's block (its name, message and stack), after the passes and totals.
    if (run.code !== 0) console.error(run.output);
    expect({ code: run.code, summary: run.code === 0 ? [] : xunitSummary(run.output) }).toEqual({
      code: 0,
      summary: [],
    });
  }, 600_000);
});
