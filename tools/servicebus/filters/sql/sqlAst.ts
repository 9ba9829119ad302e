/** A property reference: `sys.Label` (system) or `region` / `user.region` (application). */
export interface PropRef {
  scope: 'sys' | 'user';
  name: string;
}

export type Expr =
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'prop'; ref: PropRef }
  | { k: 'not'; e: Expr }
  | { k: 'neg'; e: Expr }
  | { k: 'and' | 'or'; l: Expr; r: Expr }
  | { k: 'cmp'; op: '=' | '<>' | '<' | '>' | '<=' | '>='; l: Expr; r: Expr }
  | { k: 'math'; op: '+' | '-' | '*' | '/' | '%'; l: Expr; r: Expr }
  | { k: 'in'; e: Expr; list: Expr[]; not: boolean }
  | { k: 'like'; e: Expr; pattern: string; escape: string | undefined; not: boolean }
  | { k: 'isnull'; e: Expr; not: boolean }
  | { k: 'exists'; ref: PropRef };

export type Statement = { k: 'set'; ref: PropRef; e: Expr } | { k: 'remove'; ref: PropRef };
