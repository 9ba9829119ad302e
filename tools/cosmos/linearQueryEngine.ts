import { createRequire } from 'node:module';
import { linearSortOf } from './sortRows';

/** A node of the Babel (ESTree-like) AST that @zeit/cosmosdb-query generates its JavaScript from. */
type JsNode = { type: string } & Record<string, unknown>;

interface QueryModules {
  transformer: { default: (sqlAst: unknown) => JsNode };
  helpers: { stripUndefined: (value: unknown) => unknown; sort: Parameters<typeof linearSortOf>[0] };
}

/** The engine's own parts this module replaces. */
export interface OriginalEngine {
  transform: QueryModules['transformer']['default'];
  stripUndefined: QueryModules['helpers']['stripUndefined'];
  sort: QueryModules['helpers']['sort'];
}

/**
 * Kept on the engine's (process-wide) helpers module rather than in a variable here, so a second copy of
 * this file (jest loads one per test file) sees the first one's install and does not wrap twice.
 */
const ORIGINAL = Symbol.for('orderflow.offlineCosmos.originalQueryEngine');
type Marked = QueryModules['helpers'] & { [ORIGINAL]?: OriginalEngine };

/**
 * Makes @zeit/cosmosdb-query (vercel's query engine) linear in the container's size, with identical
 * results. It compiles a query to JavaScript whose FROM and JOIN steps accumulate rows with
 * `.reduce(($, c) => [...$, { c }], [])`, which copies the whole accumulator per document: O(n²) (10,000
 * documents took 0.7 s a query, 40,000 took 41 s). We wrap its transformer and rewrite each such reducer
 * into one that pushes onto the accumulator; replace `stripUndefined` (applied to every result set),
 * which had the same copy-per-element shape; and make `sort` (ORDER BY, and the `_rid` order of every
 * query) read each row's sort values once instead of in every comparison. Installed once per process, before any query is
 * compiled (compiled queries are cached); the package is pinned, and test/tools/cosmos checks results
 * against the original engine.
 */
export function installLinearQueryEngine(): void {
  const { transformer, helpers } = queryModules();
  const marked = helpers as Marked;
  if (marked[ORIGINAL]) return;
  const base = { transform: transformer.default, stripUndefined: helpers.stripUndefined, sort: helpers.sort };
  marked[ORIGINAL] = base;
  transformer.default = (sqlAst) => rewriteReducers(base.transform(sqlAst));
  helpers.stripUndefined = stripUndefined;
  helpers.sort = linearSortOf(base.sort);
}

/** The engine as it was before installing: the reference the equivalence test compares against. */
export function originalEngine(): OriginalEngine {
  const { transformer, helpers } = queryModules();
  const saved = (helpers as Marked)[ORIGINAL];
  if (saved) return saved;
  return { transform: transformer.default, stripUndefined: helpers.stripUndefined, sort: helpers.sort };
}

/** The modules of the copy of @zeit/cosmosdb-query that @vercel/cosmosdb-server itself loads. */
export function queryModules(): QueryModules {
  const vercel = createRequire(require.resolve('@vercel/cosmosdb-server'));
  const query = createRequire(vercel.resolve('@zeit/cosmosdb-query'));
  return {
    transformer: query('./transformer') as QueryModules['transformer'],
    helpers: query('./helpers') as QueryModules['helpers'],
  };
}

/**
 * Rewrites, in place, every `X.reduce(($, P) => [...$, a, ...b], [])` and
 * `X.reduce(($, P) => (test ? [...$, a, ...b] : $), [])` into
 * `X.reduce(($, P) => { if (test) { $.push(a); for (const $$v of b) $.push($$v); } return $; }, [])`.
 * Same elements in the same order, evaluated in the same order; each step is O(1) amortised instead of
 * O(|$|). (`$$v` cannot clash: SQL identifiers have no `$`.)
 */
export function rewriteReducers<T>(root: T): T {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    for (const child of Object.values(node)) visit(child);
    rewriteReducer(node as JsNode);
  };
  visit(root);
  return root;
}

function rewriteReducer(node: JsNode): void {
  if (node.type !== 'CallExpression') return;
  const callee = node.callee as JsNode;
  const args = node.arguments as JsNode[];
  if (callee.type !== 'MemberExpression' || !isIdentifier(callee.property as JsNode, 'reduce')) return;
  const [reducer, initial] = args;
  if (args.length !== 2 || reducer?.type !== 'ArrowFunctionExpression') return;
  if (initial?.type !== 'ArrayExpression' || (initial.elements as unknown[]).length !== 0) return;
  const params = reducer.params as JsNode[];
  if (params.length !== 2 || !isIdentifier(params[0], '$')) return;

  let body = reducer.body as JsNode;
  let test: JsNode | undefined;
  if (body.type === 'ConditionalExpression' && isIdentifier(body.alternate as JsNode, '$')) {
    test = body.test as JsNode;
    body = body.consequent as JsNode;
  }
  if (body.type !== 'ArrayExpression') return;
  const [head, ...rest] = body.elements as Array<JsNode | null>;
  if (head?.type !== 'SpreadElement' || !isIdentifier(head.argument as JsNode, '$')) return;
  if (rest.some((e) => e === null)) return;

  const pushes = (rest as JsNode[]).map((element) =>
    element.type === 'SpreadElement'
      ? {
          type: 'ForOfStatement',
          await: false,
          left: {
            type: 'VariableDeclaration',
            kind: 'const',
            declarations: [{ type: 'VariableDeclarator', id: identifier('$$v'), init: null }],
          },
          right: element.argument,
          body: pushStatement(identifier('$$v')),
        }
      : pushStatement(element),
  );
  const block = { type: 'BlockStatement', body: pushes, directives: [] };
  reducer.body = {
    type: 'BlockStatement',
    directives: [],
    body: [
      test ? { type: 'IfStatement', test, consequent: block, alternate: null } : block,
      { type: 'ReturnStatement', argument: identifier('$') },
    ],
  };
}

function pushStatement(value: JsNode): JsNode {
  return {
    type: 'ExpressionStatement',
    expression: {
      type: 'CallExpression',
      callee: {
        type: 'MemberExpression',
        object: identifier('$'),
        property: identifier('push'),
        computed: false,
      },
      arguments: [value],
    },
  };
}

function identifier(name: string): JsNode {
  return { type: 'Identifier', name };
}

function isIdentifier(node: JsNode | undefined, name: string): boolean {
  return node?.type === 'Identifier' && node.name === name;
}

/**
 * The engine's own `stripUndefined` (drop undefined array elements and object properties, recursively),
 * without copying the accumulated array per element.
 */
export function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value as unknown[]) if (typeof v !== 'undefined') out.push(stripUndefined(v));
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v !== 'undefined') out[k] = stripUndefined(v);
    return out;
  }
  return value;
}
