/**
 * Runs `fn` up to `count` times while time remains before `deadline` (performance.now()), and at least `min`
 * times whatever the clock says, so a slow machine gives fewer samples rather than an endless loop or none.
 */
export async function repeatBounded<T>(
  opts: { count: number; min?: number; deadline: number },
  fn: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = [];
  const min = Math.min(opts.min ?? 3, opts.count);
  for (let i = 0; i < opts.count; i++) {
    if (i >= min && performance.now() > opts.deadline) break;
    out.push(await fn(i));
  }
  return out;
}

/** Rejects after `ms` with a message naming what was awaited. */
export async function withTimeout<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
