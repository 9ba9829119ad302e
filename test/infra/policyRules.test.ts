import { topology } from '../../shared/platform/topology';
import { bicepFileFromSource } from './bicep/BicepFile';
import { parseBicep, syntaxProblems } from './bicep/parseBicep';
import { loadRoles } from './policy/loadInfra';
import type { PolicyContext } from './policy/PolicyRule';
import { POLICY_RULES } from './policy/policyRules';
import { leasesOnId } from './policy/rules/leases';
import { RULE_FIXTURES } from './policyRules.fixtures';

const ctx: PolicyContext = { topology, roles: loadRoles(), resolveModule: () => undefined };

function check(ruleId: string, source: string) {
  const rule = POLICY_RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const modules = RULE_FIXTURES.find((f) => f.rule === ruleId)?.modules ?? {};
  const context: PolicyContext = {
    ...ctx,
    resolveModule: (_from, source) => {
      const text = modules[source];
      return text === undefined ? undefined : bicepFileFromSource(text, source);
    },
  };
  return rule.check([bicepFileFromSource(source, 'infra/snippet.bicep')], context);
}

describe('each policy rule can fail', () => {
  it('has fixtures for every rule', () => {
    expect(RULE_FIXTURES.map((f) => f.rule).sort()).toEqual(POLICY_RULES.map((r) => r.id).sort());
  });

  const bad = RULE_FIXTURES.flatMap((f) => f.bad.map((source, i) => [f.rule, i + 1, source] as const));
  it.each(bad)('%s rejects bad snippet %i', (rule, _i, source) => {
    expect(syntaxProblems(parseBicep(source).rootNode)).toEqual([]);
    const found = check(rule, source);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((v) => v.rule === rule)).toBe(true);
  });

  it.each(RULE_FIXTURES.map((f) => [f.rule, f.good]))('%s accepts its compliant snippet', (rule, source) => {
    expect(syntaxProblems(parseBicep(source).rootNode)).toEqual([]);
    expect(check(rule, source)).toEqual([]);
  });

  it('leases-on-id rejects a topology whose leases container is not on /id', () => {
    const orders = topology.cosmos.databases.orders!;
    const bent = {
      ...topology,
      cosmos: {
        databases: {
          orders: { containers: { ...orders.containers, leases: { partitionKey: '/customerId' } } },
        },
      },
    };
    const found = leasesOnId.check([], { ...ctx, topology: bent });
    expect(found.map((v) => v.message)).toEqual(['orders/leases is partitioned on /customerId, not /id']);
  });
});
