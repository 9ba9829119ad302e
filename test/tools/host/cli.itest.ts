import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostCli } from './cli';

let dir: string;
let cli: HostCli;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'host-cli-'));
  cli = new HostCli({ FIXTURE_HOOK_FILE: join(dir, 'hooks.log') });
  base = await cli.ready();
});

afterAll(async () => {
  await cli?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

it('lists the functions with their routes and prints a listening line, like func start', () => {
  expect(cli.output).toMatch(/^\s+hello: \[GET\] http:\/\/localhost:\d+\/api\/hello\/\{name:alpha\}$/m);
  expect(cli.output).toMatch(/^\s+startupTimer: timerTrigger$/m);
  expect(cli.output).toMatch(/Keys are not checked \(as func start; --enableAuth checks them\)/);
  expect(cli.output).toMatch(/listening/);
});

it('prints the lines scripts written for func start wait on, in its order', () => {
  const at = (re: RegExp): number => cli.output.search(re);
  const order = [
    at(/\] Worker process started and initialized\./),
    at(/\] Job host started$/m),
    at(/\] Host started \(\d+ms\)$/m),
    at(/^Functions:$/m),
    at(/\] Host lock lease acquired by instance ID '[0-9a-f]{32}'\./),
  ];
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

it('logs each invocation with its id, outcome and duration, and function logs with the function name', async () => {
  const res = await fetch(`${base}/api/echo`, { method: 'POST', body: 'abcd' });
  expect(res.status).toBe(200);
  await cli.waitForOutput(/Executing 'Functions\.echo' \(Reason='[^']+', Id=[0-9a-f-]{36}\)/);
  await cli.waitForOutput(/\] echo: echo received 4 bytes/);
  await cli.waitForOutput(/Executed 'Functions\.echo' \(Succeeded, Id=[0-9a-f-]{36}, Duration=\d+ms\)/);
});

it('logs an unhandled exception with the invocation id the 500 response carries', async () => {
  const res = await fetch(`${base}/api/boom`);
  expect(res.status).toBe(500);
  const id = res.headers.get('x-ms-invocation-id')!;
  await cli.waitForOutput(new RegExp(`Executed 'Functions\\.boom' \\(Failed, Id=${id}, Duration=\\d+ms\\)`));
  await cli.waitForOutput(/Exception: kaboom from the fixture/);
});

it('leaves out a function whose %Setting% does not resolve, and one whose connection is missing, and runs the rest', () => {
  expect(cli.output).toMatch(
    /Function 'unresolvedTimer': .*'%NOT_DEFINED_ANYWHERE%' does not resolve to a value\. It cannot run\./,
  );
  expect(cli.output).not.toMatch(/^\s+unresolvedTimer:/m);
  expect(cli.output).toMatch(
    /listener for function 'sbQueue' was unable to start: Service Bus connection 'FixtureServiceBus'/,
  );
});

it('exits cleanly on SIGINT after running appTerminate hooks', async () => {
  expect(await cli.stop('SIGINT')).toBe(0);
  expect(readFileSync(join(dir, 'hooks.log'), 'utf8').split('\n').filter(Boolean)).toEqual([
    'appStart',
    'appTerminate',
  ]);
});

it('stops cleanly on SIGTERM even when its Service Bus namespace is unreachable', async () => {
  const unreachable = new HostCli({
    FixtureServiceBus:
      'Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=x;UseDevelopmentEmulator=true;',
  });
  try {
    await unreachable.ready();
    // The CLI exits 1 if stopping needs its 20 s safety net; 0 means every receiver let go.
    expect(await unreachable.stop('SIGTERM', 25_000)).toBe(0);
  } finally {
    await unreachable.stop('SIGKILL');
  }
});
