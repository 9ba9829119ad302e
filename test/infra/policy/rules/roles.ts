import type { SyntaxNode } from 'tree-sitter';
import type { BicepFile } from '../../bicep/BicepFile';
import { calledFunctions, descendants, path, stringLiteral } from '../../bicep/syntax';
import { BUILT_IN_ROLES, COSMOS_BUILT_IN_ROLES } from '../builtInRoles';
import type { PolicyContext, PolicyRule, Violation } from '../PolicyRule';
import { violation } from '../violation';

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Variables holding loadJsonContent('...roles.json'). */
function rolesVariables(file: BicepFile): Set<string> {
  const names = new Set<string>();
  for (const v of file.vars) {
    const loads = descendants(v.value, (n) => n.type === 'call_expression').some(
      (c) =>
        calledFunctions(c)[0] === 'loadJsonContent' &&
        /roles\.json$/.test(stringLiteral(c.childForFieldName('arguments')?.namedChildren[0]) ?? ''),
    );
    if (loads) names.add(v.name);
  }
  return names;
}

/** Role ids an expression names: GUID literals and `roles.<key>` lookups into infra/roles.json. */
function roleIds(
  expr: SyntaxNode,
  file: BicepFile,
  ctx: PolicyContext,
): { ids: string[]; unknownKeys: string[] } {
  const ids: string[] = [];
  const unknownKeys: string[] = [];
  for (const s of descendants(expr, (n) => n.type === 'string')) ids.push(...(s.text.match(GUID) ?? []));
  const rolesVars = rolesVariables(file);
  for (const m of descendants(expr, (n) => n.type === 'member_expression')) {
    const object = m.childForFieldName('object');
    const key = m.childForFieldName('property')?.text ?? '';
    if (object?.type !== 'identifier' || !rolesVars.has(object.text)) continue;
    const id = ctx.roles[key];
    if (id) ids.push(id);
    else unknownKeys.push(key);
  }
  return { ids: ids.map((id) => id.toLowerCase()), unknownKeys };
}

const KINDS = [
  { type: 'microsoft.authorization/roleassignments', table: BUILT_IN_ROLES, label: 'built-in Azure role' },
  {
    type: 'microsoft.documentdb/databaseaccounts/sqlroleassignments',
    table: COSMOS_BUILT_IN_ROLES,
    label: 'Cosmos DB built-in data role',
  },
];

export const builtInRoleIds: PolicyRule = {
  id: 'built-in-role-ids',
  description: 'every role assignment names a known least-privilege built-in role id',
  check(files, ctx) {
    const out: Violation[] = [];
    for (const file of files) {
      for (const r of file.resources) {
        const kind = KINDS.find((k) => k.type === r.type.toLowerCase());
        if (!kind || r.existing) continue;
        const expr = path(r.body, 'properties.roleDefinitionId');
        if (!expr) {
          out.push(violation(this.id, file, r.node, `'${r.symbol}' has no properties.roleDefinitionId`));
          continue;
        }
        const { ids, unknownKeys } = roleIds(expr, file, ctx);
        for (const key of unknownKeys)
          out.push(violation(this.id, file, expr, `roles.${key} is not in infra/roles.json`));
        if (ids.length === 0 && unknownKeys.length === 0) {
          out.push(
            violation(this.id, file, expr, `'${r.symbol}' role id is not traceable to a ${kind.label}`),
          );
        }
        for (const id of ids) {
          if (!kind.table[id])
            out.push(violation(this.id, file, expr, `'${r.symbol}' uses ${id}, not a known ${kind.label}`));
        }
      }
    }
    return out;
  },
};
