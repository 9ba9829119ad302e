import type { Message } from 'rhea';
import { brokerErrors } from '../../errors';
import { settableSystemProperties, type FilterView } from '../FilterView';
import { evaluate, truth } from './evaluateSql';
import { SqlSyntaxError } from './sqlLexer';
import { parseSqlAction, parseSqlFilter } from './sqlParser';

function parse<T>(kind: string, text: string, parser: (t: string) => T): T {
  try {
    return parser(text);
  } catch (err) {
    if (err instanceof SqlSyntaxError)
      throw brokerErrors.badRequest(`Invalid SQL ${kind} '${text}': ${err.message}`);
    throw err;
  }
}

/** A SQL filter: the message matches when the expression is TRUE (FALSE and unknown do not match). */
export function compileSqlFilter(expression: string): (view: FilterView) => boolean {
  const ast = parse('filter', expression, parseSqlFilter);
  return (view) => truth(ast, view) === true;
}

/** A SQL rule action: `SET name = expr`, `SET sys.Label = expr`, `REMOVE name`, separated by `;`. */
export function compileSqlAction(expression: string): (decoded: Message, view: FilterView) => void {
  const statements = parse('action', expression, parseSqlAction);
  for (const s of statements) {
    if (s.ref.scope === 'sys' && !settableSystemProperties[s.ref.name.toLowerCase()]) {
      throw brokerErrors.notImplemented(`Rule action on system property '${s.ref.name}'`);
    }
    if (s.k === 'remove' && s.ref.scope === 'sys')
      throw brokerErrors.badRequest(`System property '${s.ref.name}' cannot be removed.`);
  }
  return (decoded, view) => {
    const values = statements.map((s) => (s.k === 'set' ? evaluate(s.e, view) : undefined));
    const props: Record<string, unknown> = {
      ...(decoded.application_properties as Record<string, unknown> | undefined),
    };
    statements.forEach((s, i) => {
      if (s.ref.scope === 'sys') {
        (decoded as unknown as Record<string, unknown>)[settableSystemProperties[s.ref.name.toLowerCase()]!] =
          values[i] ?? undefined;
      } else if (s.k === 'remove') delete props[s.ref.name];
      else props[s.ref.name] = values[i];
    });
    decoded.application_properties = props;
  };
}
