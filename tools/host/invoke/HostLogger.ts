import type { RpcLogLevel } from '../app/coreTypes';

const rank: Record<RpcLogLevel, number> = {
  trace: 0,
  debug: 1,
  information: 2,
  warning: 3,
  error: 4,
  critical: 5,
  none: 6,
};

/** host.json `logging.logLevel` values (.NET names) mapped to RPC levels. */
export function parseLogLevel(value: unknown, fallback: RpcLogLevel): RpcLogLevel {
  if (typeof value !== 'string') return fallback;
  const v = value.toLowerCase();
  if (v === 'information' || v === 'info') return 'information';
  if (v in rank) return v as RpcLogLevel;
  return fallback;
}

export interface HostLoggerOptions {
  quiet?: boolean;
  /** Lowest level printed for host messages. Default information. */
  hostLevel?: RpcLogLevel;
  /** Lowest level printed for function (user) logs. Default information. */
  functionLevel?: RpcLogLevel;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
  /** Put before every host and function message (a worker process names itself). Default none. */
  prefix?: string;
}

/**
 * Console output in the shape of `func start`. Lines are buffered and written once per event-loop turn:
 * one write per burst instead of one per line keeps logging off the HTTP hot path.
 */
export class HostLogger {
  readonly quiet: boolean;
  #hostLevel: number;
  #functionLevel: number;
  #out: NodeJS.WritableStream;
  #err: NodeJS.WritableStream;
  #outBuf: string[] = [];
  #errBuf: string[] = [];
  #scheduled = false;
  #prefix: string;

  /** Levels from host.json `logging.logLevel`: `Host.Results` (else `default`) for the host, `Function` for functions. */
  static fromHostJson(hostJson: Record<string, unknown>, quiet: boolean, prefix?: string): HostLogger {
    const logging = hostJson.logging as { logLevel?: Record<string, unknown> } | undefined;
    const levels = logging?.logLevel ?? {};
    return new HostLogger({
      quiet,
      hostLevel: parseLogLevel(levels['Host.Results'] ?? levels.default, 'information'),
      functionLevel: parseLogLevel(levels.Function ?? levels.default, 'information'),
      ...(prefix === undefined ? {} : { prefix }),
    });
  }

  constructor(opts: HostLoggerOptions = {}) {
    this.quiet = opts.quiet ?? false;
    this.#hostLevel = rank[opts.hostLevel ?? 'information'];
    this.#functionLevel = rank[opts.functionLevel ?? 'information'];
    this.#out = opts.out ?? process.stdout;
    this.#err = opts.err ?? process.stderr;
    this.#prefix = opts.prefix ?? '';
  }

  /** Unconditional output (banner, function list, the `listening` line), printed even when quiet is off for logs. */
  print(line: string): void {
    if (this.quiet) return;
    this.#push(this.#outBuf, line);
  }

  /** Whether a host message of `level` would be printed: callers skip building messages nobody sees. */
  enabled(level: RpcLogLevel): boolean {
    return !this.quiet && rank[level] >= this.#hostLevel;
  }

  host(level: RpcLogLevel, message: string): void {
    if (this.quiet || rank[level] < this.#hostLevel) return;
    this.#line(level, `[${new Date().toISOString()}] ${this.#prefix}${message}`);
  }

  fn(functionName: string, level: RpcLogLevel, message: string): void {
    if (this.quiet || rank[level] < this.#functionLevel) return;
    this.#line(level, `[${new Date().toISOString()}] ${this.#prefix}${functionName}: ${message}`);
  }

  /** Warnings that must never be missed (data loss): printed even when quiet. */
  loud(message: string): void {
    const bar = '!'.repeat(78);
    this.#push(
      this.#errBuf,
      `${bar}\n[${new Date().toISOString()}] ${this.#prefix}WARNING: ${message}\n${bar}`,
    );
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#outBuf.length > 0) {
      this.#out.write(this.#outBuf.join('\n') + '\n');
      this.#outBuf = [];
    }
    if (this.#errBuf.length > 0) {
      this.#err.write(this.#errBuf.join('\n') + '\n');
      this.#errBuf = [];
    }
  }

  #line(level: RpcLogLevel, text: string): void {
    this.#push(rank[level] >= rank.warning ? this.#errBuf : this.#outBuf, text);
  }

  #push(buf: string[], text: string): void {
    buf.push(text);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
  }
}
