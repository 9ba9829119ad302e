import { request, Agent } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../tools/host/index';
import { HostCli } from './cli';
import { waitFor } from './waitFor';

const APP = join(__dirname, 'workers-app');

/** Pids the fixture appended to `file` (loads, starts, ticks), one per line. */
function pids(dir: string, file: string): number[] {
  const f = join(dir, file);
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Answers the pid that served GET /api/pid; each agent is one keep-alive connection. */
function servedBy(host: Pick<RunningHost, 'baseUrl'>, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`${host.baseUrl}/api/pid`, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve((JSON.parse(body) as { pid: number }).pid)
          : reject(new Error(`GET /api/pid: ${res.statusCode} ${body}`)),
      );
    })
      .on('error', reject)
      .end();
  });
}

/** `connections` keep-alive connections, `perConnection` requests each, sequential: which pids served them. */
async function spread(
  host: Pick<RunningHost, 'baseUrl'>,
  connections: number,
  perConnection: number,
): Promise<number[][]> {
  const agents = Array.from({ length: connections }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  try {
    return await Promise.all(
      agents.map(async (agent) => {
        const seen: number[] = [];
        for (let i = 0; i < perConnection; i++) seen.push(await servedBy(host, agent));
        return seen;
      }),
    );
  } finally {
    for (const a of agents) a.destroy();
  }
}

function startApp(dir: string, env: Record<string, string>): Promise<RunningHost> {
  return startHost({
    appDir: APP,
    port: 0,
    quiet: true,
    env: { WORKERS_DIR: dir, FUNCTIONS_TIMER_STATUS_DIR: dir, ...env },
  });
}

describe('FUNCTIONS_WORKER_PROCESS_COUNT=2', () => {
  let host: RunningHost;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'host-workers-'));
    host = await startApp(dir, { FUNCTIONS_WORKER_PROCESS_COUNT: '2' });
  });

  afterAll(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the app and runs appStart in two processes before it is ready', () => {
    expect(new Set(pids(dir, 'loads')).size).toBe(2);
    expect(pids(dir, 'starts').sort()).toEqual(pids(dir, 'loads').sort());
  });

  it('serves keep-alive connections from both processes, each connection staying with one', async () => {
    const served = await spread(host, 4, 3);
    for (const seen of served) expect(new Set(seen).size).toBe(1);
    expect(new Set(served.flat())).toEqual(new Set(pids(dir, 'loads')));
  });

  it('runs the timer only in the host process, also when the admin call reaches a worker', async () => {
    // Fresh connections alternate between the processes: some of these calls land on the worker.
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${host.baseUrl}/admin/functions/tick`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          connection: 'close',
        },
        body: '{}',
      });
      expect(res.status).toBe(202);
    }
    // One run on startup plus the four invoked.
    const ticks = await waitFor('five timer runs', () => {
      const t = pids(dir, 'ticks');
      return t.length >= 5 ? t : undefined;
    });
    expect(ticks).toHaveLength(5);
    expect(new Set(ticks).size).toBe(1);
    expect(pids(dir, 'loads')).toContain(ticks[0]);
  });

  it('replaces a worker killed with SIGKILL and keeps serving', async () => {
    const hostPid = pids(dir, 'ticks')[0] ?? pids(dir, 'loads')[0]!;
    const worker = pids(dir, 'loads').find((p) => p !== hostPid)!;
    process.kill(worker, 'SIGKILL');
    await waitFor('the killed worker to be gone', () => (alive(worker) ? undefined : true));
    const replacement = await waitFor('a replacement worker to load the app', () =>
      pids(dir, 'loads').find((p) => p !== hostPid && p !== worker),
    );
    // Requests on fresh connections are served meanwhile (by the host process until the replacement is ready).
    const seen = new Set<number>();
    const deadline = Date.now() + 15_000;
    while (!seen.has(replacement) && Date.now() < deadline)
      for (const pid of (await spread(host, 2, 1)).flat()) seen.add(pid);
    expect(seen.has(replacement)).toBe(true);
    expect(seen.has(worker)).toBe(false);
  });

  it('leaves no process after close', async () => {
    const all = pids(dir, 'loads');
    await host.close();
    for (const pid of all) expect({ pid, alive: alive(pid) }).toEqual({ pid, alive: false });
  });
});

describe('LOCAL_HOST_PER_FUNCTION_SCALING=true (HTTP in worker processes of its own)', () => {
  let host: RunningHost;
  let dir: string;
  let hostPid: number;
  let worker: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'host-workers-'));
    host = await startApp(dir, {
      FUNCTIONS_WORKER_PROCESS_COUNT: '2',
      LOCAL_HOST_PER_FUNCTION_SCALING: 'true',
    });
    hostPid = await waitFor('the startup timer run', () => pids(dir, 'ticks')[0]);
    worker = pids(dir, 'loads').find((p) => p !== hostPid)!;
  });

  afterAll(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves every connection from the worker, none from the process running the triggers', async () => {
    // 40 keep-alive connections at once (20x the round-robin's slots), 5 requests each, then 40 fresh ones.
    const served = [...(await spread(host, 40, 5)).flat(), ...(await spread(host, 40, 1)).flat()];
    expect(served).toHaveLength(240);
    expect(new Set(served)).toEqual(new Set([worker]));
  });

  it('answers 400 fresh connections whose requests arrive with them, each passed on twice (supervisor, first process, worker)', async () => {
    // A connection received over IPC and dealt on must carry its request bytes: none may be left in a middle
    // process's buffer (connectionHandle.ts). 10 rounds of 40 at once, each request written as it connects.
    for (let round = 0; round < 10; round++) {
      const served = await Promise.all(
        Array.from({ length: 40 }, async () => {
          const res = await fetch(`${host.baseUrl}/api/pid`, {
            headers: { connection: 'close' },
            signal: AbortSignal.timeout(10_000),
          });
          expect(res.status).toBe(200);
          return ((await res.json()) as { pid: number }).pid;
        }),
      );
      expect(new Set(served)).toEqual(new Set([worker]));
    }
  });

  it('runs the timer in the first process only', () => {
    expect(new Set(pids(dir, 'ticks'))).toEqual(new Set([hostPid]));
  });

  it("yields the CPU to HTTP: the triggers' thread at nice +5 (LOCAL_HOST_TRIGGER_NICE's default), the HTTP worker at the host's", () => {
    expect(getPriority(worker)).toBe(getPriority());
    expect(getPriority(hostPid)).toBe(Math.min(19, getPriority() + 5));
  });

  it('serves HTTP from the first process while the killed worker restarts, then from the replacement', async () => {
    process.kill(worker, 'SIGKILL');
    await waitFor('the killed worker to be gone', () => (alive(worker) ? undefined : true));
    const seen = new Set<number>();
    let replacement: number | undefined;
    const deadline = Date.now() + 20_000;
    // Every request on a fresh connection is answered meanwhile: by the first process, then the replacement.
    while (replacement === undefined || !seen.has(replacement)) {
      if (Date.now() > deadline)
        throw new Error(`no replacement worker served; seen ${[...seen].join(', ')}`);
      for (const pid of (await spread(host, 2, 1)).flat()) seen.add(pid);
      replacement = pids(dir, 'loads').find((p) => p !== hostPid && p !== worker);
    }
    expect(seen.has(worker)).toBe(false);
    const after = (await spread(host, 10, 2)).flat();
    expect(new Set(after)).toEqual(new Set([replacement]));
    // Forked by the lowered thread, it inherited nice +5; a privileged host (root, as CI here) raises it again.
    if (process.getuid?.() === 0) expect(getPriority(replacement)).toBe(getPriority());
  });
});

describe('worker process lifecycle', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'host-workers-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs one process by default', async () => {
    const host = await startApp(dir, {});
    try {
      const served = await spread(host, 3, 2);
      expect(new Set(served.flat())).toEqual(new Set(pids(dir, 'loads')));
      expect(pids(dir, 'loads')).toHaveLength(1);
    } finally {
      await host.close();
    }
  });

  it('fails the start with the error of a worker that cannot load the app, leaving no process', async () => {
    await expect(
      startApp(dir, { FUNCTIONS_WORKER_PROCESS_COUNT: '3', WORKERS_FAIL_AFTER_FIRST: 'true' }),
    ).rejects.toThrow(/Worker process \d failed to start: .*workers-app refuses a second load/);
    expect(pids(dir, 'loads')).toHaveLength(1);
    await waitFor('the host process to exit', () => (alive(pids(dir, 'loads')[0]!) ? undefined : true));
  });

  it('rejects LOCAL_HOST_PER_FUNCTION_SCALING=true with one worker process at start, naming both settings', async () => {
    await expect(startApp(dir, { LOCAL_HOST_PER_FUNCTION_SCALING: 'true' })).rejects.toThrow(
      /LOCAL_HOST_PER_FUNCTION_SCALING=true needs FUNCTIONS_WORKER_PROCESS_COUNT of 2 or more/,
    );
    expect(pids(dir, 'loads')).toHaveLength(0);
  });

  it('starts every app process with the node arguments of languageWorkers__node__arguments, as the Functions host does', async () => {
    const host = await startApp(dir, {
      FUNCTIONS_WORKER_PROCESS_COUNT: '2',
      languageWorkers__node__arguments: ' --max-semi-space-size=32   --enable-source-maps ',
    });
    try {
      const flags = new Map<number, string[]>();
      // Connections are dealt to both processes in turn: 8 fresh ones reach each.
      for (let i = 0; i < 8; i++) {
        const res = await fetch(`${host.baseUrl}/api/pid`, { headers: { connection: 'close' } });
        const { pid, execArgv } = (await res.json()) as { pid: number; execArgv: string[] };
        flags.set(pid, execArgv);
      }
      expect(flags.size).toBe(2);
      for (const argv of flags.values()) {
        expect(argv).toEqual(expect.arrayContaining(['--max-semi-space-size=32', '--enable-source-maps']));
        expect(argv.filter((a) => a === '--enable-source-maps')).toHaveLength(1);
      }
    } finally {
      await host.close();
    }
  });

  it('rejects an invalid LOCAL_HOST_TRIGGER_NICE at start, naming the setting, with no process left', async () => {
    await expect(
      startApp(dir, {
        FUNCTIONS_WORKER_PROCESS_COUNT: '2',
        LOCAL_HOST_PER_FUNCTION_SCALING: 'true',
        LOCAL_HOST_TRIGGER_NICE: '-5',
      }),
    ).rejects.toThrow(/LOCAL_HOST_TRIGGER_NICE must be a whole number from 0 to 19; got '-5'/);
    expect(pids(dir, 'loads')).toHaveLength(0);
  });

  it('rejects an invalid FUNCTIONS_WORKER_PROCESS_COUNT at start, naming the setting', async () => {
    await expect(startApp(dir, { FUNCTIONS_WORKER_PROCESS_COUNT: '11' })).rejects.toThrow(
      /FUNCTIONS_WORKER_PROCESS_COUNT must be a whole number from 1 to 10; got '11'/,
    );
    expect(pids(dir, 'loads')).toHaveLength(0);
  });

  it('stops the workers when the host process is killed', async () => {
    const host = await startApp(dir, { FUNCTIONS_WORKER_PROCESS_COUNT: '3' });
    try {
      const hostPid = await waitFor('the startup timer run', () => pids(dir, 'ticks')[0]);
      const workers = pids(dir, 'loads').filter((p) => p !== hostPid);
      expect(workers).toHaveLength(2);
      process.kill(hostPid, 'SIGKILL');
      for (const pid of workers)
        await waitFor(`worker ${pid} to exit`, () => (alive(pid) ? undefined : true));
    } finally {
      await host.close();
    }
  });
});

describe('worker processes under the CLI (npm run host)', () => {
  let dir: string;
  let cli: HostCli;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'host-workers-cli-'));
    cli = new HostCli(
      { WORKERS_DIR: dir, FUNCTIONS_TIMER_STATUS_DIR: dir, FUNCTIONS_WORKER_PROCESS_COUNT: '2' },
      APP,
    );
  });

  afterAll(async () => {
    await cli?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints the workers' logs to the same console, host lines naming the worker", async () => {
    const base = await cli.ready();
    await cli.waitForOutput(/\] Worker process 2: Loading 1 entry point file\(s\)/);
    const served = new Set((await spread({ baseUrl: base }, 2, 1)).flat());
    expect(served.size).toBe(2);
    await cli.waitForOutput(
      /\] Worker process 2: Executing 'Functions\.pid' \(Reason='[^']+', Id=[0-9a-f-]{36}\)/,
    );
    await cli.waitForOutput(/\] Executing 'Functions\.pid'/);
  });

  it('stops every process on SIGINT', async () => {
    const all = pids(dir, 'loads');
    expect(await cli.stop('SIGINT')).toBe(0);
    for (const pid of all) await waitFor(`process ${pid} to exit`, () => (alive(pid) ? undefined : true));
  });
});
