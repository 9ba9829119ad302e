import type { BenchContext, BenchOutcome } from '../types';
import type { PreparedApps } from './prepareApps';

export function measureFirstOrder(_ctx: BenchContext, _apps: PreparedApps): Promise<BenchOutcome> {
  return Promise.resolve({
    figures: [],
    budgets: [],
    notes: [],
    unavailable: ['first order response: not written yet'],
  });
}
