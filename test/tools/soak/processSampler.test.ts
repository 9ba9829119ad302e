import { pooledSlopePer10k, rssSlopePer10k, type RssSample } from '../../../tools/soak/processSampler';

const MB = 2 ** 20;

/** One process sampled every 100 orders: RSS climbing 40 MB per 1,000 orders (V8 growing its heap), live flat. */
function series(lives: number[]): RssSample[] {
  const out: RssSample[] = [];
  let orders = 0;
  lives.forEach((n, generation) => {
    for (let i = 0; i < n; i++, orders += 100)
      out.push({
        at: orders,
        orders,
        rss: { host: 200 * MB + i * 4 * MB },
        live: { host: 60 * MB + (i % 2) * MB },
        generation: { host: generation + 1 },
      });
  });
  return out;
}

describe('rssSlopePer10k', () => {
  it('judges the chosen field over the longest life, past its warm-up', () => {
    const s = series([10, 40, 20]);
    expect(rssSlopePer10k(s, 'host')! / MB).toBeCloseTo(400, 5);
    expect(Math.abs(rssSlopePer10k(s, 'host', { field: 'live' })! / MB)).toBeLessThan(1);
  });

  it('does not judge a life with too few orders', () => {
    expect(rssSlopePer10k(series([10]), 'host', { field: 'live' })).toBeUndefined();
    expect(rssSlopePer10k(series([40]), 'cosmos')).toBeUndefined();
  });
});

describe('pooledSlopePer10k', () => {
  // Two lives of 60 samples, 100 orders apart; faults at samples 20 and 40 of each life.
  const samplesOf = (live: (life: number, i: number) => number): RssSample[] =>
    [0, 1].flatMap((life) =>
      Array.from({ length: 60 }, (_, i) => {
        const at = life * 6000 + i * 100;
        return {
          at,
          orders: at,
          rss: { host: 0 },
          live: { host: live(life, i) },
          generation: { host: life },
        };
      }),
    );
  const gaps = [0, 1].flatMap((life) =>
    [20, 40].map((i) => ({ from: life * 6000 + i * 100, to: life * 6000 + i * 100 + 150 })),
  );

  it('does not count a one-off step at a fault as growth per order', () => {
    // +16 MB at the first fault of each life (a reconnect loading its code paths), flat otherwise, 1 MB noise.
    const s = samplesOf((_life, i) => 60 * MB + (i > 20 ? 16 * MB : 0) + (i % 2) * MB);
    expect(rssSlopePer10k(s, 'host', { field: 'live' })! / MB).toBeGreaterThan(24);
    expect(Math.abs(pooledSlopePer10k(s, 'host', gaps)! / MB)).toBeLessThan(2);
  });

  it('finds growth with orders between the faults', () => {
    // 1 KB per order retained: 10 MB per 10,000 orders, plus the same steps.
    const s = samplesOf((_life, i) => 60 * MB + (i > 20 ? 16 * MB : 0) + i * 100 * 1024);
    expect(pooledSlopePer10k(s, 'host', gaps)! / MB).toBeCloseTo((1024 * 10_000) / MB, 5);
  });

  it('does not judge stretches that saw too few orders', () => {
    expect(
      pooledSlopePer10k(
        samplesOf(() => 0),
        'host',
        gaps,
        { minOrders: 100_000 },
      ),
    ).toBeUndefined();
  });
});
