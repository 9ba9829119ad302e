import { referencedIdentifiers } from '../../bicep/syntax';
import type { PolicyRule, Violation } from '../PolicyRule';
import { AVM_RESOURCE_TYPES, avmReference } from '../targets';
import { violation } from '../violation';

/** AVM convention: each parameter says whether it is Required. or Optional., and the default agrees. */
export const paramDescriptions: PolicyRule = {
  id: 'param-descriptions',
  description:
    "every param has @description starting 'Required.' (no default) or 'Optional.' (with a default)",
  check(files) {
    const out: Violation[] = [];
    for (const file of files) {
      for (const p of file.params) {
        const kind = /^(Required|Optional)\. /.exec(p.description ?? '')?.[1];
        if (!kind) {
          out.push(
            violation(
              this.id,
              file,
              p.node,
              `param '${p.name}' needs @description('Required. ...' or 'Optional. ...')`,
            ),
          );
        } else if ((kind === 'Optional') !== p.hasDefault) {
          out.push(
            violation(
              this.id,
              file,
              p.node,
              `param '${p.name}' is ${kind} but ${p.hasDefault ? 'has' : 'lacks'} a default`,
            ),
          );
        }
      }
    }
    return out;
  },
};

/** Registry modules are pinned to an exact version and known to the policy, so the rules above see them. */
export const avmPinned: PolicyRule = {
  id: 'avm-pinned',
  description: 'every br/public AVM module is pinned to an exact x.y.z version and mapped to its ARM type',
  check(files) {
    const out: Violation[] = [];
    for (const file of files) {
      for (const m of file.modules) {
        if (!m.source.startsWith('br')) continue;
        const ref = avmReference(m.source);
        if (!ref || !/^\d+\.\d+\.\d+$/.test(ref.version)) {
          out.push(
            violation(this.id, file, m.node, `module '${m.symbol}' (${m.source}) must be pinned to x.y.z`),
          );
        } else if (!AVM_RESOURCE_TYPES[ref.module]) {
          out.push(
            violation(
              this.id,
              file,
              m.node,
              `module '${m.symbol}': ${ref.module} is not mapped in targets.ts`,
            ),
          );
        }
      }
    }
    return out;
  },
};

/** What the CLI linter's no-unused-params/-vars/-existing-resources catch: a declaration nothing reads. */
export const noUnusedDeclarations: PolicyRule = {
  id: 'no-unused-declarations',
  description: 'every param, var and existing resource is used',
  check(files) {
    const out: Violation[] = [];
    for (const file of files) {
      const uses = new Map<string, number>();
      for (const id of referencedIdentifiers(file.root)) uses.set(id, (uses.get(id) ?? 0) + 1);
      const declared = [
        ...file.params.map((p) => ({ name: p.name, kind: 'param', node: p.node })),
        ...file.vars.map((v) => ({ name: v.name, kind: 'var', node: v.value })),
        ...file.resources
          .filter((r) => r.existing)
          .map((r) => ({ name: r.symbol, kind: 'existing resource', node: r.node })),
      ];
      for (const d of declared) {
        // The declaration's own name is one identifier; any other is a use.
        if ((uses.get(d.name) ?? 0) < 2)
          out.push(violation(this.id, file, d.node, `${d.kind} '${d.name}' is never used`));
      }
    }
    return out;
  },
};
