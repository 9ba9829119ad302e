import type { SyntaxNode } from 'tree-sitter';
import type { BicepFile } from '../../bicep/BicepFile';
import {
  calledFunctions,
  descendants,
  literal,
  path,
  prop,
  referencedIdentifiers,
  stringLiteral,
} from '../../bicep/syntax';
import type { PolicyRule, Violation } from '../PolicyRule';
import { violation } from '../violation';

const TOPOLOGY_TYPES = new Set(
  [
    'Microsoft.ServiceBus/namespaces/queues',
    'Microsoft.ServiceBus/namespaces/topics',
    'Microsoft.ServiceBus/namespaces/topics/subscriptions',
    'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
    'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
  ].map((t) => t.toLowerCase()),
);

/** Variables loaded from topology.json, and every variable computed from one of them. */
export function topologyVariables(file: BicepFile): Set<string> {
  const derived = new Set<string>();
  for (const v of file.vars) {
    const loads = descendants(v.value, (n) => n.type === 'call_expression').some(
      (c) =>
        calledFunctions(c)[0] === 'loadJsonContent' &&
        /topology\.json$/.test(stringLiteral(c.childForFieldName('arguments')?.namedChildren[0]) ?? ''),
    );
    if (loads) derived.add(v.name);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const v of file.vars) {
      if (!derived.has(v.name) && referencedIdentifiers(v.value).some((id) => derived.has(id))) {
        derived.add(v.name);
        grew = true;
      }
    }
  }
  return derived;
}

/** The collection a `for` iterates: the named child right before the body. */
function iterable(loop: SyntaxNode): SyntaxNode | undefined {
  const body = loop.childForFieldName('body') ?? loop.namedChildren[loop.namedChildren.length - 1];
  const named = loop.namedChildren;
  const at = named.findIndex((n) => n.id === body?.id);
  return at > 0 ? named[at - 1] : undefined;
}

/**
 * Queues, topics, databases and containers exist because infra/topology.json lists them: each is declared in a
 * loop over the topology, never by a literal name, and no queue or container name appears as a literal.
 */
export const topologySourced: PolicyRule = {
  id: 'topology-sourced',
  description: 'every queue, database and container comes from infra/topology.json (no hard-coded names)',
  check(files, ctx) {
    const out: Violation[] = [];
    const names = new Set([
      ...Object.keys(ctx.topology.serviceBus.queues),
      ...Object.values(ctx.topology.cosmos.databases).flatMap((db) => Object.keys(db.containers)),
    ]);
    for (const file of files) {
      const derived = topologyVariables(file);
      for (const r of file.resources) {
        if (!TOPOLOGY_TYPES.has(r.type.toLowerCase())) continue;
        const source = r.loop && iterable(r.loop);
        if (!source || !referencedIdentifiers(source).some((id) => derived.has(id))) {
          out.push(
            violation(
              this.id,
              file,
              r.node,
              `'${r.symbol}' must be a loop over the topology (loadJsonContent)`,
            ),
          );
        }
        if (typeof literal(prop(r.body, 'name')) === 'string') {
          out.push(violation(this.id, file, r.node, `'${r.symbol}' has a hard-coded name`));
        }
        if (path(r.body, 'properties.resource.partitionKey.paths')?.type === 'array') {
          out.push(violation(this.id, file, r.node, `'${r.symbol}' hard-codes its partition key`));
        }
      }
      for (const s of descendants(file.root, (n) => n.type === 'string')) {
        const text = stringLiteral(s);
        if (text !== undefined && names.has(text)) {
          out.push(violation(this.id, file, s, `'${text}' is a topology name written as a literal`));
        }
      }
    }
    return out;
  },
};
