import type { BicepFile } from '../../bicep/BicepFile';
import { descendants, entries, path } from '../../bicep/syntax';
import type { PolicyRule, Violation } from '../PolicyRule';
import { avmReference } from '../targets';
import { violation } from '../violation';

/** `<symbol>.outputs.<name>` references in a file, by module symbol. */
function outputReferences(file: BicepFile, symbol: string): Array<{ name: string; line: number }> {
  const refs: Array<{ name: string; line: number }> = [];
  for (const m of descendants(file.root, (n) => n.type === 'member_expression')) {
    const inner = m.childForFieldName('object');
    if (inner?.type !== 'member_expression' || inner.childForFieldName('property')?.text !== 'outputs')
      continue;
    if (inner.childForFieldName('object')?.text !== symbol) continue;
    refs.push({ name: m.childForFieldName('property')?.text ?? '', line: m.startPosition.row + 1 });
  }
  return refs;
}

/**
 * What `bicep build` would reject across local modules: a parameter the module does not declare, a required
 * parameter left out, or an output that does not exist.
 */
export const moduleContract: PolicyRule = {
  id: 'module-contract',
  description:
    'local module calls pass only declared params, every required param, and read only declared outputs',
  check(files, ctx) {
    const out: Violation[] = [];
    for (const file of files) {
      for (const m of file.modules) {
        if (avmReference(m.source)) continue;
        const target = ctx.resolveModule(file, m.source);
        if (!target) {
          out.push(violation(this.id, file, m.node, `module '${m.symbol}': cannot find ${m.source}`));
          continue;
        }
        const declared = new Map(target.params.map((p) => [p.name, p]));
        const passed = new Set(entries(path(m.body, 'params')).map(([k]) => k));
        for (const name of passed) {
          if (!declared.has(name))
            out.push(violation(this.id, file, m.node, `'${m.symbol}' passes unknown param '${name}'`));
        }
        for (const p of target.params) {
          if (!p.hasDefault && !passed.has(p.name)) {
            out.push(violation(this.id, file, m.node, `'${m.symbol}' omits required param '${p.name}'`));
          }
        }
        const outputs = new Set(target.outputs.map((o) => o.name));
        for (const ref of outputReferences(file, m.symbol)) {
          if (!outputs.has(ref.name)) {
            out.push({
              rule: this.id,
              file: file.path,
              line: ref.line,
              message: `${m.symbol}.outputs.${ref.name} does not exist`,
            });
          }
        }
      }
    }
    return out;
  },
};
