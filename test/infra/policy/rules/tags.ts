import { path, prop } from '../../bicep/syntax';
import type { PolicyRule, Violation } from '../PolicyRule';
import { avmReference } from '../targets';
import { violation } from '../violation';

// Types that cannot carry tags (extension resources and authorization objects).
const UNTAGGABLE = [/^microsoft\.authorization\//i, /^microsoft\.insights\/diagnosticsettings$/i];

/**
 * Every top-level resource carries tags (azd-env-name at least); child resources inherit their parent's
 * grouping. AVM modules and local modules that take `tags` must be passed them.
 */
export const everythingTagged: PolicyRule = {
  id: 'tagged',
  description: 'every top-level resource and every module that takes tags is tagged',
  check(files, ctx) {
    const out: Violation[] = [];
    for (const file of files) {
      for (const r of file.resources) {
        const child = r.type.split('/').length > 2 || prop(r.body, 'parent') !== undefined;
        if (r.existing || child || UNTAGGABLE.some((re) => re.test(r.type))) continue;
        if (!prop(r.body, 'tags'))
          out.push(violation(this.id, file, r.node, `resource '${r.symbol}' has no tags`));
      }
      for (const m of file.modules) {
        const passed = path(m.body, 'params.tags') !== undefined;
        if (avmReference(m.source)) {
          if (!passed) out.push(violation(this.id, file, m.node, `module '${m.symbol}' is not passed tags`));
          continue;
        }
        const target = ctx.resolveModule(file, m.source);
        if (!target) {
          out.push(violation(this.id, file, m.node, `module '${m.symbol}': cannot find ${m.source}`));
        } else if (target.params.some((p) => p.name === 'tags') && !passed) {
          out.push(
            violation(this.id, file, m.node, `module '${m.symbol}' takes tags but is not passed them`),
          );
        }
      }
    }
    return out;
  },
};
