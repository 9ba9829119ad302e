import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Parser from 'tree-sitter';
import type { SyntaxNode, Tree } from 'tree-sitter';

interface TreeSitter {
  Parser: typeof Parser;
  bicep: Parser.Language;
}

const load = createRequire(__filename);
const STASH = Symbol.for('orderflow.test.infra.tree-sitter');

/**
 * tree-sitter's JS wrapper patches the prototypes of its native classes when it is evaluated. The native addon
 * is loaded once per process, but jest evaluates the wrapper again for every test file in a worker, and the
 * second evaluation breaks the first's patches (rootNode becomes undefined). So the first wrapper is kept on the
 * shared native binding object and reused by every later test file in the same process.
 */
function treeSitter(): TreeSitter {
  const root = dirname(load.resolve('tree-sitter/package.json'));
  const nodeGypBuild = createRequire(join(root, 'index.js'))('node-gyp-build') as (dir: string) => object;
  const binding = nodeGypBuild(root) as Record<symbol, TreeSitter | undefined>;
  const existing = binding[STASH];
  if (existing) return existing;
  const loaded: TreeSitter = {
    Parser: load('tree-sitter') as typeof Parser,
    bicep: load('tree-sitter-bicep') as Parser.Language,
  };
  Object.defineProperty(binding, STASH, { value: loaded });
  return loaded;
}

let parser: Parser | undefined;

/** Parses Bicep source with tree-sitter-bicep (one parser per module instance). */
export function parseBicep(source: string): Tree {
  if (!parser) {
    const { Parser: ParserClass, bicep } = treeSitter();
    parser = new ParserClass();
    parser.setLanguage(bicep);
  }
  return parser.parse(source);
}

export interface SyntaxProblem {
  line: number;
  column: number;
  kind: 'ERROR' | 'MISSING';
  text: string;
}

/** Every ERROR and MISSING node: tree-sitter recovers from bad input instead of throwing, so this is the check. */
export function syntaxProblems(root: SyntaxNode): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.type === 'ERROR' || node.isMissing) {
      problems.push({
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        kind: node.isMissing ? 'MISSING' : 'ERROR',
        text: node.isMissing ? node.type : node.text.slice(0, 80),
      });
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  return problems;
}
