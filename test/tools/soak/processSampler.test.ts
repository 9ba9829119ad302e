import { rssSlopePer10k, type RssSample } from '../../../tools/soak/processSampler';

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
