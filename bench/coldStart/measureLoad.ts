import { timeProcess } from '../children';
import { BenchError } from '../errors';
import { repeatBounded } from '../limits';

export interface LoadSamples {
  baseline: number[];
  bundled: number[];
  naive: number[];
  registered: Array<{ name: string; trigger: string }>;
}

async function probeRun(
  probe: string,
  main: string,
  expected: number,
): Promise<{ ms: number; registered: LoadSamples['registered'] }> {
  const run = await timeProcess(process.execPath, [probe, main], { timeoutMs: 30_000 });
  if (run.code !== 0)
    throw new BenchError(`loading ${main} failed (exit ${run.code}): ${run.stderr.slice(0, 2000)}`);
  const { registered } = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
    registered?: LoadSamples['registered'];
  };
  // A file may register more than one function (docs: page and asset), never fewer than one.
  if (!registered || registered.length < expected) {
    throw new BenchError(
      `${main} registered ${registered?.length ?? 0} functions, expected at least ${expected} (one per function file)`,
    );
  }
  return { ms: run.wallMs, registered };
}

/**
 * Whole-process wall times, interleaved round by round (baseline, bundled, naive, rotating the order) so that
 * a burst of load from the other work on this machine hits all three alike. Two warm-up rounds are dropped:
 * they measure the disk cache, not the code.
 */
export async function measureLoad(opts: {
  probe: string;
  bundledMain: string;
  naiveMain: string;
  expected: number;
  rounds: number;
  deadline: number;
}): Promise<LoadSamples> {
  const out: LoadSamples = { baseline: [], bundled: [], naive: [], registered: [] };
  const kinds = ['baseline', 'bundled', 'naive'] as const;
  await repeatBounded({ count: opts.rounds + 2, min: 5, deadline: opts.deadline }, async (round) => {
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(k + round) % kinds.length]!;
      let ms: number;
      if (kind === 'baseline') {
        const run = await timeProcess(process.execPath, ['-e', '0']);
        ms = run.wallMs;
      } else {
        const r = await probeRun(
          opts.probe,
          kind === 'bundled' ? opts.bundledMain : opts.naiveMain,
          opts.expected,
        );
        ms = r.ms;
        const names = r.registered
          .map((f) => f.name)
          .sort()
          .join(',');
        if (
          out.registered.length > 0 &&
          names !==
            out.registered
              .map((f) => f.name)
              .sort()
              .join(',')
        ) {
          throw new BenchError(`the ${kind} build registered other functions than the other build: ${names}`);
        }
        out.registered = r.registered;
      }
      if (round >= 2) out[kind].push(ms);
    }
  });
  return out;
}
