import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';

/** Azurite's published development account: public, valid only against Azurite. */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteOptions {
  /** Folder for Azurite's data. Omitted = in memory only. */
  location?: string;
  /** Ports; default 10000, 10001, 10002; 0 = ephemeral. */
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  /** How long to wait for the three services. Default 20 s. */
  startTimeoutMs?: number;
}

export interface RunningAzurite {
  blobPort: number;
  queuePort: number;
  tablePort: number;
  /** A full connection string with the real ports (`UseDevelopmentStorage=true` only means the defaults). */
  connectionString: string;
  pid: number;
  close(): Promise<void>;
}

// Azurite keeps running when the IPC channel to its parent closes; this preload makes it exit, so a parent
// killed with SIGKILL leaves no orphan behind.
const EXIT_WITH_PARENT = 'data:text/javascript,process.on("disconnect",()=>process.exit(0))';
const LISTENING = /Azurite (Blob|Queue|Table) service is successfully listening at \S+:(\d+)/;

/**
 * Starts Azurite 3.35 (blob, queue, table) as a child process: its module graph takes about a second to
 * load, which in a child runs beside everything else instead of blocking our event loop.
 */
export function startAzurite(opts: AzuriteOptions = {}): Promise<RunningAzurite> {
  const args = [
    ...['--blobPort', String(opts.blobPort ?? 10000), '--queuePort', String(opts.queuePort ?? 10001)],
    ...[
      '--tablePort',
      String(opts.tablePort ?? 10002),
      '--blobHost',
      '127.0.0.1',
      '--queueHost',
      '127.0.0.1',
    ],
    ...['--tableHost', '127.0.0.1', '--skipApiVersionCheck', '--disableTelemetry', '--silent'],
  ];
  if (opts.location) {
    mkdirSync(opts.location, { recursive: true });
    args.push('--location', opts.location);
  } else args.push('--inMemoryPersistence');
  // Its own process group: Ctrl-C reaches only us, and we stop Azurite in order (it flushes on close).
  const child = spawn(
    process.execPath,
    ['--import', EXIT_WITH_PARENT, require.resolve('azurite/dist/src/azurite.js'), ...args],
    { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true },
  );
  const state = { closed: 0, ports: new Map<string, number>(), log: [] as string[] };
  const stdout = createInterface({ input: child.stdout! });
  stdout.on('line', (line) => {
    if (/service successfully closed/.test(line)) state.closed += 1;
    const m = LISTENING.exec(line);
    if (m?.[1] && m[2]) state.ports.set(m[1], Number(m[2]));
    else if (!/is (starting|closing)|successfully closed/.test(line)) remember(state.log, line);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => remember(state.log, line));

  const timeoutMs = opts.startTimeoutMs ?? 20_000;
  return new Promise<RunningAzurite>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`Azurite did not start within ${timeoutMs} ms. ${state.log.join(' ')}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      fail(new Error(`Azurite exited (code ${String(code)}) before it was ready: ${state.log.join(' ')}`));
    };
    child.once('exit', onExit);
    const onLine = () => {
      if (state.ports.size < 3) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      stdout.off('line', onLine);
      const port = (s: string) => state.ports.get(s) ?? 0;
      done({
        blobPort: port('Blob'),
        queuePort: port('Queue'),
        tablePort: port('Table'),
        connectionString: connectionString(port('Blob'), port('Queue'), port('Table')),
        pid: child.pid ?? 0,
        close: closer(child, stdout, state),
      });
    };
    stdout.on('line', onLine);
  });
}

function remember(log: string[], line: string): void {
  log.push(line);
  if (log.length > 20) log.shift();
}

export function connectionString(blob: number, queue: number, table: number): string {
  const at = (port: number) => `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
    `BlobEndpoint=${at(blob)};QueueEndpoint=${at(queue)};TableEndpoint=${at(table)};`
  );
}

/**
 * SIGTERM runs Azurite's own shutdown (as Ctrl-C does): each service closes and flushes its databases and
 * says so, but timers keep the process alive afterwards; once all three said so it is safe to end it.
 */
function closer(child: ChildProcess, lines: Interface, state: { closed: number }): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      if (state.closed >= 3) {
        child.kill('SIGKILL');
        return;
      }
      lines.on('line', () => {
        if (state.closed >= 3) child.kill('SIGKILL');
      });
      child.kill('SIGTERM');
    });
    return closing;
  };
}
