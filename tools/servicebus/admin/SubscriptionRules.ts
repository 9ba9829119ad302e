import type { RuleConfig } from '../config/NamespaceConfig';
import { brokerErrors, ServiceBusEmulatorError } from '../errors';
import { compileRule } from '../filters/Rule';
import { byName, type RuleDefinition } from './definitions';
import { assertChildName } from './entityNames';
import type { NamespaceAdmin } from './NamespaceAdmin';

/** Azure's limit of rules per subscription (Standard tier). */
export const MAX_RULES_PER_SUBSCRIPTION = 2000;

/**
 * A subscription's rules at run time, for the rule manager (AMQP `add-rule`, `remove-rule`, `enumerate-rules`) and
 * the administration API. The broker's compiled list is replaced in one assignment, so a message being fanned out
 * sees either the old rules or the new ones.
 */
export class SubscriptionRules {
  constructor(private readonly admin: NamespaceAdmin) {}

  list(topic: string, sub: string): RuleDefinition[] {
    return this.admin.subscription(topic, sub).rules;
  }

  get(topic: string, sub: string, name: string): RuleDefinition {
    const def = this.admin.subscription(topic, sub);
    const rule = def.rules.find((r) => r.name.toLowerCase() === name.toLowerCase());
    if (!rule) throw brokerErrors.entityNotFound(`${def.topic}/Subscriptions/${def.name}/Rules/${name}`);
    return rule;
  }

  add(topic: string, sub: string, rule: RuleConfig): RuleDefinition {
    const def = this.admin.subscription(topic, sub);
    assertChildName('rule', rule.name);
    if (def.rules.some((r) => r.name.toLowerCase() === rule.name.toLowerCase()))
      throw brokerErrors.entityAlreadyExists(`${def.topic}/Subscriptions/${def.name}/Rules/${rule.name}`);
    if (def.rules.length >= MAX_RULES_PER_SUBSCRIPTION)
      throw new ServiceBusEmulatorError(
        'amqp:resource-limit-exceeded',
        403,
        `'${def.topic}/Subscriptions/${def.name}' already has ${MAX_RULES_PER_SUBSCRIPTION} rules, Azure's maximum.`,
      );
    const added: RuleDefinition = { ...rule, createdAt: Date.now() };
    this.replace(topic, sub, [...def.rules, added]);
    return added;
  }

  update(topic: string, sub: string, rule: RuleConfig): RuleDefinition {
    const old = this.get(topic, sub, rule.name);
    const updated: RuleDefinition = { ...rule, name: old.name, createdAt: old.createdAt };
    const def = this.admin.subscription(topic, sub);
    this.replace(
      topic,
      sub,
      def.rules.map((r) => (r === old ? updated : r)),
    );
    return updated;
  }

  remove(topic: string, sub: string, name: string): void {
    const old = this.get(topic, sub, name);
    const def = this.admin.subscription(topic, sub);
    this.replace(
      topic,
      sub,
      def.rules.filter((r) => r !== old),
    );
  }

  private replace(topic: string, sub: string, rules: RuleDefinition[]): void {
    const def = this.admin.subscription(topic, sub);
    const sorted = [...rules].sort(byName);
    const compiled = sorted.map(compileRule); // a bad filter or action throws before anything changes
    this.admin.brokerSubscription(def.topic, def.name).rules = compiled;
    this.admin.saveSubscription({ ...def, rules: sorted, updatedAt: Date.now() });
  }
}
