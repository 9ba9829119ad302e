import type { FieldError } from './errors';

/** The subset of a zod v4 issue this module reads (type-only, so no zod at load time). */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

const join = (path: readonly PropertyKey[]): string => path.map((p) => String(p)).join('.');

/**
 * Maps schema issues to `{ path, message }` naming the field. An unknown-keys issue sits on the parent
 * object in zod, so it is split into one error per unknown field, which is what a client needs to fix it.
 */
export function fieldErrorsFromIssues(issues: readonly SchemaIssue[], root = '(body)'): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys) out.push({ path: join([...issue.path, key]), message: 'Unknown field' });
    } else {
      out.push({ path: issue.path.length > 0 ? join(issue.path) : root, message: issue.message });
    }
  }
  return out.slice(0, 50);
}
