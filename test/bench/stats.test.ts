import { median, pairedRatios, percentile, ratio, summarize } from '../../bench/stats';

describe('percentile', () => {
  it('interpolates linearly between closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    expect(percentile([0, 100], 99)).toBeCloseTo(99);
  });

  it('does not depend on the input order and leaves the input alone', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(percentile(xs, 50)).toBe(3);
    expect(xs).toEqual([5, 1, 4, 2, 3]);
  });

  it('gives the extremes at 0 and 100 and the only value of a single sample', () => {
    expect(percentile([3, 9, 7], 0)).toBe(3);
    expect(percentile([3, 9, 7], 100)).toBe(9);
    expect(percentile([42], 99)).toBe(42);
  });

  it('refuses an empty sample, a non-finite value and a percentile outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(RangeError);
    expect(() => percentile([1, 2], 101)).toThrow(RangeError);
    expect(() => percentile([1, 2], -1)).toThrow(RangeError);
  });
});

describe('median', () => {
  it('is the middle value of an odd sample and the mean of the middle two of an even one', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('summarize', () => {
  it('reports the spread so that one outlier moves max but not the median or IQR much', () => {
    const s = summarize([10, 11, 12, 13, 14, 15, 16, 17, 18, 1000]);
    expect(s).toMatchObject({ n: 10, min: 10, max: 1000, median: 14.5 });
    expect(s.p25).toBeCloseTo(12.25);
    expect(s.p75).toBeCloseTo(16.75);
    expect(s.iqr).toBeCloseTo(4.5);
    expect(s.mean).toBeCloseTo(112.6);
  });
});

describe('ratio and pairedRatios', () => {
  it('divides by the floor and refuses a zero or negative floor', () => {
    expect(ratio(150, 100)).toBe(1.5);
    expect(() => ratio(1, 0)).toThrow(RangeError);
    expect(() => ratio(1, -2)).toThrow(RangeError);
  });

  it('pairs the samples run by run', () => {
    expect(pairedRatios([2, 9, 4], [1, 3, 4])).toEqual([2, 3, 1]);
    expect(() => pairedRatios([1, 2], [1])).toThrow(RangeError);
  });
});
