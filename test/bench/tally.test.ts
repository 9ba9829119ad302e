import { perOrder, sumTally, tally } from '../../bench/ops/tally';

describe('tally and perOrder', () => {
  it('counts keys', () => {
    expect(tally(['a', 'b', 'a'])).toEqual({ a: 2, b: 1 });
  });

  it('subtracts the idle rate scaled to the measured time, then divides by the orders', () => {
    // 10 s measured with 25 polls; idle: 10 polls in 5 s, so 20 of the 25 are idle and 5 belong to 5 orders.
    expect(perOrder({ poll: 25, create: 5 }, 10, { poll: 10 }, 5, 5)).toEqual({ poll: 1, create: 1 });
  });

  it('drops keys that are idle work only, and rounds to a tenth', () => {
    expect(perOrder({ poll: 20, read: 7 }, 10, { poll: 10 }, 5, 3)).toEqual({ read: 2.3 });
    expect(sumTally({ a: 1.5, b: 2 })).toBe(3.5);
  });
});
