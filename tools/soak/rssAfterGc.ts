import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ownRss, processTree } from './processSampler';

/** What one process wrote right after a full collection (tools/soak/gcSampler.cjs). */
interface GcSample {
  pid: number;
  /** Full collections run on request so far (0: the process has just loaded the sampler). */
  gcs: number;
  rss: number;
  heapUsed: number;
  external: number;
}

/** A process tree's memory right after a full garbage collection in each of its Node processes. */
export interface AfterGc {
  /** RSS of the tree: each Node process's own after its collection, any other process's as it is. */
  rss: number;
  /** V8 heap in use plus memory held outside it (Buffers, native objects) after the collections. */
  live: number;
}

const SAMPLER = resolve(__dirname, 'gcSampler.cjs');

/**
 * Asks the Node processes of a tree for a full garbage collection and reads their memory right after it.
 * The processes must have been started with `env()` (the sampler preloaded); a process without it gets no
 * signal (SIGUSR2 would end it), and counts with its RSS as it is.
 */
export class RssAfterGc {
  readonly #dir: string;
  readonly #seen = new Map<number, number>();

  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  /** Environment for a process of the stack: the sampler preloaded, gc exposed, added to any NODE_OPTIONS. */
  env(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
    const preload = `--expose-gc --require ${JSON.stringify(SAMPLER)}`;
    return {
      SOAK_GC_DIR: this.#dir,
      NODE_OPTIONS: [base.NODE_OPTIONS, preload].filter(Boolean).join(' '),
    };
  }

  #read(pid: number): GcSample | undefined {
    try {
      return JSON.parse(readFileSync(join(this.#dir, `${pid}.json`), 'utf8')) as GcSample;
    } catch {
      return undefined;
    }
  }

  /**
   * Collects in every Node process of `pid`'s tree at once and sums what they report. Undefined when the tree
   * is gone, or a process did not answer within `timeoutMs` (killed meanwhile, or starting).
   */
  async measure(pid: number | undefined, timeoutMs = 10_000): Promise<AfterGc | undefined> {
    if (pid === undefined) return undefined;
    const tree = processTree(pid);
    const asked = new Map<number, number>();
    let others = 0;
    for (const p of tree) {
      const before = this.#read(p);
      if (!before) {
        others += ownRss(p) ?? 0;
        continue;
      }
      try {
        process.kill(p, 'SIGUSR2');
        asked.set(p, Math.max(before.gcs, this.#seen.get(p) ?? 0));
      } catch {
        return undefined; // gone since the tree was read
      }
    }
    if (asked.size === 0) return undefined;
    const deadline = performance.now() + timeoutMs;
    const answers = new Map<number, GcSample>();
    while (answers.size < asked.size) {
      if (performance.now() > deadline) return undefined;
      for (const [p, gcs] of asked) {
        const s = answers.has(p) ? undefined : this.#read(p);
        if (s && s.gcs > gcs) answers.set(p, s);
      }
      if (answers.size < asked.size) await delay(50);
    }
    let rss = others;
    let live = 0;
    for (const s of answers.values()) {
      this.#seen.set(s.pid, s.gcs);
      rss += s.rss;
      live += s.heapUsed + s.external;
    }
    return { rss, live };
  }
}
