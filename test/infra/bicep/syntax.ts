import type { SyntaxNode } from 'tree-sitter';

/** The key of an object_property: a bare identifier or a quoted string ('azd-env-name'). */
export function propertyKey(property: SyntaxNode): string {
  const key = property.namedChildren[0];
  if (!key) return '';
  return key.type === 'string' ? (stringLiteral(key) ?? key.text) : key.text;
}

/** The value node of a property, or undefined. Keys compare case-insensitively, as ARM does. */
export function prop(object: SyntaxNode | undefined, key: string): SyntaxNode | undefined {
  if (object?.type !== 'object') return undefined;
  const wanted = key.toLowerCase();
  for (const p of object.namedChildren) {
    if (p.type === 'object_property' && propertyKey(p).toLowerCase() === wanted) {
      return p.namedChildren[p.namedChildren.length - 1];
    }
  }
  return undefined;
}

/** Follows a dotted path of properties: `path(body, 'properties.siteConfig.ftpsState')`. */
export function path(object: SyntaxNode | undefined, dotted: string): SyntaxNode | undefined {
  let node = object;
  for (const key of dotted.split('.')) node = prop(node, key);
  return node;
}

/** Every property of an object as [key, value]. */
export function entries(object: SyntaxNode | undefined): Array<[string, SyntaxNode]> {
  if (object?.type !== 'object') return [];
  const out: Array<[string, SyntaxNode]> = [];
  for (const p of object.namedChildren) {
    const value = p.namedChildren[p.namedChildren.length - 1];
    if (p.type === 'object_property' && value && p.namedChildren.length > 1)
      out.push([propertyKey(p), value]);
  }
  return out;
}

/** The text of a string with no interpolation, else undefined. */
export function stringLiteral(node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  return node.namedChildren.map((c) => (c.type === 'escape_sequence' ? c.text.slice(1) : c.text)).join('');
}

/** The leading literal text of a string, interpolated or not ('@Microsoft.KeyVault(SecretUri=' for a reference). */
export function stringPrefix(node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  let out = '';
  for (const c of node.namedChildren) {
    if (c.type === 'interpolation') break;
    out += c.type === 'escape_sequence' ? c.text.slice(1) : c.text;
  }
  return out;
}

export type Literal = string | number | boolean | null;

/** A literal value (string without interpolation, number, boolean, null), else undefined. */
export function literal(node: SyntaxNode | undefined): Literal | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'string':
      return stringLiteral(node);
    case 'boolean':
      return node.text === 'true';
    case 'number':
      return Number(node.text);
    case 'null':
      return null;
    default:
      return undefined;
  }
}

/** Every node under (and including) `node` that satisfies `pred`. */
export function descendants(node: SyntaxNode, pred: (n: SyntaxNode) => boolean): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (n: SyntaxNode): void => {
    if (pred(n)) out.push(n);
    for (const c of n.namedChildren) visit(c);
  };
  visit(node);
  return out;
}

/** Identifiers used as values (not property names after a dot, not object keys). */
export function referencedIdentifiers(node: SyntaxNode): string[] {
  return descendants(node, (n) => n.type === 'identifier' && !isPropertyKey(n)).map((n) => n.text);
}

function isPropertyKey(n: SyntaxNode): boolean {
  return n.parent?.type === 'object_property' && n.parent.namedChildren[0]?.id === n.id;
}

/** Names of the functions called anywhere under `node`, for `a.listKeys()` the last segment (`listKeys`). */
export function calledFunctions(node: SyntaxNode): string[] {
  return descendants(node, (n) => n.type === 'call_expression').map((call) => {
    const fn = call.childForFieldName('function');
    if (!fn) return '';
    if (fn.type === 'member_expression') return fn.childForFieldName('property')?.text ?? '';
    return fn.text;
  });
}

/** Property names accessed with `.name` anywhere under `node`. */
export function accessedProperties(node: SyntaxNode): string[] {
  return descendants(node, (n) => n.type === 'property_identifier').map((n) => n.text);
}

/** 1-based line of a node, for messages. */
export function lineOf(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}
