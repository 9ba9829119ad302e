import { checkBudget } from '../../bench/budget';

describe('checkBudget', () => {
  const base = { statement: 's', unit: 'x' };

  it('passes on the limit for <= and >=, and misses on it for <', () => {
    expect(checkBudget({ ...base, actual: 1.6, op: '<=', limit: 1.6 }).pass).toBe(true);
    expect(checkBudget({ ...base, actual: 0.5, op: '>=', limit: 0.5 }).pass).toBe(true);
    expect(checkBudget({ ...base, actual: 1500, op: '<', limit: 1500 }).pass).toBe(false);
  });

  it('misses beyond the limit in either direction', () => {
    expect(checkBudget({ ...base, actual: 1.61, op: '<=', limit: 1.6 }).pass).toBe(false);
    expect(checkBudget({ ...base, actual: 0.49, op: '>=', limit: 0.5 }).pass).toBe(false);
    expect(checkBudget({ ...base, actual: 1499, op: '<', limit: 1500 }).pass).toBe(true);
  });

  it('never passes a figure that is not a number', () => {
    expect(checkBudget({ ...base, actual: Number.NaN, op: '<=', limit: 2 }).pass).toBe(false);
    expect(checkBudget({ ...base, actual: Number.POSITIVE_INFINITY, op: '>=', limit: 2 }).pass).toBe(false);
  });
});
