import { literal, path, prop } from '../../bicep/syntax';
import type { PolicyRule, Violation } from '../PolicyRule';
import { violation } from '../violation';

/**
 * The change-feed trigger's lease container must be partitioned on /id (the Functions extension requires it).
 * Checked in the topology, which Bicep deploys, and in any container Bicep declares by hand.
 */
export const leasesOnId: PolicyRule = {
  id: 'leases-on-id',
  description: 'every leases container is partitioned on /id',
  check(files, ctx) {
    const out: Violation[] = [];
    for (const [db, spec] of Object.entries(ctx.topology.cosmos.databases)) {
      for (const [name, container] of Object.entries(spec.containers)) {
        if (/leases$/i.test(name) && container.partitionKey !== '/id') {
          out.push({
            rule: this.id,
            file: 'infra/topology.json',
            line: 0,
            message: `${db}/${name} is partitioned on ${container.partitionKey}, not /id`,
          });
        }
      }
    }
    for (const file of files) {
      for (const r of file.resources) {
        if (r.type.toLowerCase() !== 'microsoft.documentdb/databaseaccounts/sqldatabases/containers')
          continue;
        const name = literal(prop(r.body, 'name')) ?? literal(path(r.body, 'properties.resource.id'));
        if (typeof name !== 'string' || !/leases$/i.test(name)) continue;
        const paths = path(r.body, 'properties.resource.partitionKey.paths');
        const values = paths?.type === 'array' ? paths.namedChildren.map((n) => literal(n)) : [];
        if (values.length !== 1 || values[0] !== '/id') {
          out.push(violation(this.id, file, r.node, `container '${name}' must be partitioned on /id`));
        }
      }
    }
    return out;
  },
};
