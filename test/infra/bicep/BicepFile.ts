import { readFileSync } from 'node:fs';
import type { SyntaxNode } from 'tree-sitter';
import { parseBicep } from './parseBicep';
import { calledFunctions, descendants, prop, stringLiteral } from './syntax';

export interface ResourceDecl {
  symbol: string;
  /** `Microsoft.Web/sites`, without the API version. */
  type: string;
  existing: boolean;
  /** The resource body (the object inside any `for` / `if`). */
  body: SyntaxNode;
  /** The `for` expression when the declaration is a loop. */
  loop: SyntaxNode | undefined;
  node: SyntaxNode;
}

export interface ModuleDecl {
  symbol: string;
  /** `app/api.bicep` or `br/public:avm/res/web/site:0.15.1`. */
  source: string;
  body: SyntaxNode;
  loop: SyntaxNode | undefined;
  node: SyntaxNode;
}

export interface ParamDecl {
  name: string;
  secure: boolean;
  description: string | undefined;
  hasDefault: boolean;
  node: SyntaxNode;
}

export interface VarDecl {
  name: string;
  value: SyntaxNode;
}

export interface OutputDecl {
  name: string;
  value: SyntaxNode;
  node: SyntaxNode;
}

/** One parsed .bicep file and its declarations. */
export interface BicepFile {
  path: string;
  root: SyntaxNode;
  resources: ResourceDecl[];
  modules: ModuleDecl[];
  params: ParamDecl[];
  vars: VarDecl[];
  outputs: OutputDecl[];
}

export function loadBicepFile(path: string): BicepFile {
  return bicepFileFromSource(readFileSync(path, 'utf8'), path);
}

export function bicepFileFromSource(source: string, path = 'snippet.bicep'): BicepFile {
  const root = parseBicep(source).rootNode;
  const file: BicepFile = { path, root, resources: [], modules: [], params: [], vars: [], outputs: [] };
  for (const decl of root.namedChildren) {
    const named = decl.namedChildren;
    const symbol = named[0]?.text ?? '';
    switch (decl.type) {
      case 'resource_declaration': {
        const typeRef = stringLiteral(named[1]) ?? '';
        const { body, loop } = unwrapBody(named[named.length - 1]);
        if (!body) break;
        const existing = decl.children.some((c) => !c.isNamed && c.type === 'existing');
        file.resources.push({ symbol, type: typeRef.split('@')[0] ?? '', existing, body, loop, node: decl });
        break;
      }
      case 'module_declaration': {
        const { body, loop } = unwrapBody(named[named.length - 1]);
        if (body)
          file.modules.push({ symbol, source: stringLiteral(named[1]) ?? '', body, loop, node: decl });
        break;
      }
      case 'parameter_declaration':
        file.params.push(paramDecl(decl, symbol));
        break;
      case 'variable_declaration': {
        const value = named[named.length - 1];
        if (value && named.length > 1) file.vars.push({ name: symbol, value });
        break;
      }
      case 'output_declaration': {
        const value = named[named.length - 1];
        if (value) file.outputs.push({ name: symbol, value, node: decl });
        break;
      }
      default:
        break;
    }
  }
  return file;
}

/** `= {..}`, `= if (c) {..}`, `= [for x in y: {..}]`, `= [for x in y: if (c) {..}]` all give the object. */
function unwrapBody(value: SyntaxNode | undefined): { body?: SyntaxNode; loop?: SyntaxNode } {
  let node = value;
  let loop: SyntaxNode | undefined;
  if (node?.type === 'for_statement') {
    loop = node;
    node = node.childForFieldName('body') ?? node.namedChildren[node.namedChildren.length - 1];
  }
  if (node?.type === 'if_statement') node = node.namedChildren[node.namedChildren.length - 1];
  return node?.type === 'object' ? { body: node, loop } : { loop };
}

/** Decorators are the sibling node just before a declaration. */
function decoratorsOf(decl: SyntaxNode): SyntaxNode[] {
  const prev = decl.previousNamedSibling;
  return prev?.type === 'decorators' ? prev.namedChildren : [];
}

function paramDecl(decl: SyntaxNode, name: string): ParamDecl {
  const decorators = decoratorsOf(decl);
  const called = decorators.flatMap((d) => calledFunctions(d));
  const descriptionCall = decorators
    .flatMap((d) => descendants(d, (n) => n.type === 'call_expression'))
    .find((c) => c.childForFieldName('function')?.text === 'description');
  const description = stringLiteral(descriptionCall?.childForFieldName('arguments')?.namedChildren[0]);
  return {
    name,
    secure: called.includes('secure'),
    description,
    hasDefault: decl.children.some((c) => !c.isNamed && c.type === '='),
    node: decl,
  };
}

/** The value of a body property: `body(r, 'properties')`. */
export function bodyProp(decl: { body: SyntaxNode }, key: string): SyntaxNode | undefined {
  return prop(decl.body, key);
}
