import { RECOVERY_MS, thirdRates, withPipelineRecovery } from '../../../tools/soak/faultSchedule';

describe('thirdRates', () => {
  it('takes overlapping fault windows off once', () => {
    // 90 s of load, one order every 100 ms; two kills 1 s apart in the first third, each back after 1 s.
    const times = Array.from({ length: 900 }, (_, i) => i * 100);
    const faults = [
      { killedAt: 5_000, backAt: 6_000 },
      { killedAt: 6_000, backAt: 7_000 },
    ];
    const r = thirdRates(times, 0, 90_000, faults);
    // Disturbed 5 s .. 7 s + RECOVERY_MS: 30 s - 12 s of clear time, 10 orders per clear second.
    expect(RECOVERY_MS).toBe(10_000);
    expect(r.first).toBeCloseTo(10, 5);
    expect(r.last).toBeCloseTo(10, 5);
  });
});

describe('withPipelineRecovery', () => {
  it('extends a fault until every order accepted before the kill was projected', () => {
    const accepted = new Map([
      ['a', 1_000],
      ['b', 4_000],
      ['c', 9_000],
    ]);
    const projected = new Map([
      ['a', 2_000],
      ['b', 20_000],
      ['c', 9_500],
    ]);
    expect(withPipelineRecovery([{ killedAt: 5_000, backAt: 8_000 }], accepted, projected, 60_000)).toEqual([
      { killedAt: 5_000, backAt: 20_000 },
    ]);
  });

  it('ends at the load end when an order accepted before the kill was never projected', () => {
    const accepted = new Map([['a', 1_000]]);
    expect(withPipelineRecovery([{ killedAt: 5_000, backAt: 8_000 }], accepted, new Map(), 60_000)).toEqual([
      { killedAt: 5_000, backAt: 60_000 },
    ]);
  });
});
