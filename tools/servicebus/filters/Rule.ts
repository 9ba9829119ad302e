import type { Message } from 'rhea';
import type { FilterConfig, RuleConfig } from '../config/NamespaceConfig';
import type { FilterView } from './FilterView';
import { compileSqlAction, compileSqlFilter } from './sql/compileSql';

/** A subscription rule compiled once at start: a filter and an optional action that edits the matched copy. */
export interface Rule {
  name: string;
  matches(view: FilterView): boolean;
  /** Edits the subscription's copy of a matching message (SET/REMOVE). */
  action: ((decoded: Message, view: FilterView) => void) | undefined;
}

/** Correlation filters compare system properties as text (ids may be numbers or binary on the wire). */
function scalarText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return v.toString('hex');
  return JSON.stringify(v);
}

/** Correlation property equality; timestamps arrive as Date objects, so they compare by instant. */
function sameValue(actual: unknown, expected: string | number | boolean | Date): boolean {
  if (expected instanceof Date) return actual instanceof Date && actual.getTime() === expected.getTime();
  return actual === expected;
}

function compileFilter(filter: FilterConfig): (view: FilterView) => boolean {
  switch (filter.kind) {
    case 'true':
      return () => true;
    case 'false':
      return () => false;
    case 'sql':
      return compileSqlFilter(filter.expression);
    case 'correlation': {
      const system = Object.entries(filter.system);
      const props = Object.entries(filter.properties);
      // Correlation filters are exact matches on every listed value (string comparison for system properties).
      return (view) =>
        system.every(([name, value]) => {
          const actual = view.system(name);
          return actual !== undefined && scalarText(actual) === value;
        }) && props.every(([name, value]) => sameValue(view.properties[name], value));
    }
  }
}

export function compileRule(rule: RuleConfig): Rule {
  return {
    name: rule.name,
    matches: compileFilter(rule.filter),
    action: rule.action === undefined ? undefined : compileSqlAction(rule.action),
  };
}
