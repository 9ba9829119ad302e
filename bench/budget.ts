export type Comparison = '<=' | '<' | '>=';

/** One budget from issue 7, checked against what this run measured. Limits live here, never in the caller's mood. */
export interface BudgetCheck {
  statement: string;
  actual: number;
  op: Comparison;
  limit: number;
  unit: string;
  pass: boolean;
}

export interface BudgetInit {
  statement: string;
  actual: number;
  op: Comparison;
  limit: number;
  unit: string;
}

export function checkBudget(init: BudgetInit): BudgetCheck {
  const { actual, limit } = init;
  const pass =
    Number.isFinite(actual) &&
    (init.op === '<=' ? actual <= limit : init.op === '<' ? actual < limit : actual >= limit);
  return { ...init, pass };
}
