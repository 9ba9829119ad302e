import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repo = resolve(__dirname, '..', '..', '..');

/** A clean clone of the app: sources and tools copied, node_modules linked; no dist, .data or settings. */
export function cleanCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'orderflow-dev-'));
  for (const f of ['package.json', 'host.json', 'local.settings.sample.json', 'tsconfig.json']) {
    cpSync(join(repo, f), join(dir, f));
  }
  for (const d of ['infra', 'functions', 'shared', 'web', 'tools']) {
    if (existsSync(join(repo, d))) cpSync(join(repo, d), join(dir, d), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Copies the repository's dist/ (if built) into a copy, after its sources, so dev finds it up to date. */
export function copyBuild(dir: string): void {
  if (existsSync(join(repo, 'dist', 'app', 'main.mjs'))) {
    cpSync(join(repo, 'dist'), join(dir, 'dist'), { recursive: true });
  }
}

export function removeCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** `npm run dev` in `dir` (what the script runs: tsx tools/dev/main.ts), output captured line by line. */
export class DevProcess {
  readonly lines: string[] = [];
  readonly child: ChildProcess;
  private waiters: Array<{ re: RegExp; done: (m: RegExpExecArray) => void }> = [];

  constructor(dir: string, args: string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, ['--import', 'tsx', join(dir, 'tools', 'dev', 'main.ts'), ...args], {
      cwd: dir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onLine = (line: string) => {
      this.lines.push(line);
      for (const w of [...this.waiters]) {
        const m = w.re.exec(line);
        if (m) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.done(m);
        }
      }
    };
    createInterface({ input: this.child.stdout! }).on('line', onLine);
    createInterface({ input: this.child.stderr! }).on('line', onLine);
  }

  get output(): string {
    return this.lines.join('\n');
  }

  /** The first line (already printed or still to come) matching `re`, or a failure showing the output. */
  waitFor(re: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray> {
    const seen = this.lines.map((l) => re.exec(l)).find((m) => m);
    if (seen) return Promise.resolve(seen);
    return new Promise((done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`no ${what} within ${timeoutMs} ms:\n${this.output}`)),
        timeoutMs,
      );
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        fail(new Error(`dev exited (${String(code)}) before ${what}:\n${this.output}`));
      };
      this.child.once('exit', onExit);
      this.waiters.push({
        re,
        done: (m) => {
          clearTimeout(timer);
          this.child.off('exit', onExit);
          done(m);
        },
      });
    });
  }

  /** Sends `signal` and resolves with the exit code (or fails after `timeoutMs`, killing it). */
  stop(signal: NodeJS.Signals, timeoutMs: number): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        fail(new Error(`dev did not stop within ${timeoutMs} ms of ${signal}:\n${this.output}`));
      }, timeoutMs);
      this.child.once('exit', (code) => {
        clearTimeout(timer);
        done(code);
      });
      this.child.kill(signal);
    });
  }
}

/** Every live descendant of `pid` (children of children too), from /proc. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

function readStat(pid: number): { state: string; ppid: number; start: string } | undefined {
  try {
    // Format: pid (comm) state ppid ...; comm may hold spaces and parentheses, so split after the last ')'.
    // Field 22, starttime, tells a process from a later one that reuses its pid.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const [state, ppid] = fields;
    const start = fields[19];
    return state && ppid && start ? { state, ppid: Number(ppid), start } : undefined;
  } catch {
    return undefined;
  }
}

/** The process's identity: its pid and start time, so a reused pid is not taken for the process we saw. */
export function processIdentity(pid: number): string | undefined {
  const stat = readStat(pid);
  return stat ? `${pid}@${stat.start}` : undefined;
}

/** `pid: command line` of each process (by identity) still running, for failure messages. */
export function stillRunning(identities: Iterable<string>): string[] {
  const alive = [...identities].flatMap((id) => {
    const pid = Number(id.split('@')[0]);
    return isRunning(pid) && processIdentity(pid) === id ? [pid] : [];
  });
  return alive.map((pid) => {
    try {
      return `${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 200)}`;
    } catch {
      return `${pid}`;
    }
  });
}
