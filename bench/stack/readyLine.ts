import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the first stdout line of `child` that parses as JSON and has `key`; rejects when the child
 * exits first or `timeoutMs` passes, quoting its stderr so the reason is in the report.
 */
export function readyLine<T>(child: ChildProcess, key: string, what: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    const done = (fn: () => void): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onStderr);
      child.off('exit', onExit);
      // Keep draining both pipes after the ready line: a child blocked on a full pipe would stall the bench.
      // BENCH_VERBOSE=1 shows what the children print.
      const verbose = process.env.BENCH_VERBOSE === '1';
      child.stdout?.on(
        'data',
        (d: Buffer) => void (verbose && process.stderr.write(`[${what}] ${d.toString()}`)),
      );
      child.stderr?.on(
        'data',
        (d: Buffer) => void (verbose && process.stderr.write(`[${what}] ${d.toString()}`)),
      );
      fn();
    };
    const onStderr = (d: Buffer): void => {
      stderr = (stderr + d.toString()).slice(-20_000);
    };
    const onData = (d: Buffer): void => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          if (key in parsed) return done(() => resolve(parsed[key] as T));
        } catch {
          // Not our line: the child may log JSON of its own.
        }
      }
    };
    const onExit = (code: number | null): void =>
      done(() => reject(new Error(`${what} exited (${code}) before it was ready: ${stderr.slice(-3000)}`)));
    const timer = setTimeout(
      () => done(() => reject(new Error(`${what} not ready within ${timeoutMs} ms: ${stderr.slice(-3000)}`))),
      timeoutMs,
    );
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onStderr);
    child.once('exit', onExit);
  });
}
