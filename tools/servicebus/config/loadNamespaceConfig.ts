import { readFileSync } from 'node:fs';
import { lowerKeys, parseEntityProperties } from './entityPropertiesSchema';
import type { NamespaceConfig, SubscriptionConfig, TopicConfig } from './NamespaceConfig';
import { defaultRule, parseEmulatorRule, parseTopologyRule } from './parseRule';

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The project topology (infra/topology.json): `serviceBus.queues` and `serviceBus.topics`, keyed by name. */
export function parseTopology(json: unknown, file: string): NamespaceConfig {
  const sb = asRecord(asRecord(json).serviceBus);
  const queues = Object.entries(asRecord(sb.queues)).map(([name, props]) => ({
    name,
    properties: parseEntityProperties(props, `${file} queue '${name}'`),
  }));
  const topics: TopicConfig[] = Object.entries(asRecord(sb.topics)).map(([name, raw]) => {
    const topic = asRecord(raw);
    const subscriptions: SubscriptionConfig[] = Object.entries(asRecord(topic.subscriptions)).map(
      ([sub, rawSub]) => {
        const where = `${file} subscription '${name}/${sub}'`;
        const rules = Object.entries(asRecord(asRecord(rawSub).rules)).map(([r, v]) =>
          parseTopologyRule(r, v, where),
        );
        return {
          name: sub,
          properties: parseEntityProperties(rawSub, where),
          rules: rules.length ? rules : [defaultRule],
        };
      },
    );
    return { name, properties: parseEntityProperties(topic, `${file} topic '${name}'`), subscriptions };
  });
  return { queues, topics };
}

/** The official Service Bus emulator's Config.json: UserConfig.Namespaces[].Queues/Topics[].Subscriptions[].Rules. */
export function parseEmulatorConfig(json: unknown, file: string): NamespaceConfig {
  const result: NamespaceConfig = { queues: [], topics: [] };
  for (const rawNs of asArray(lowerKeys(lowerKeys(json).userconfig).namespaces)) {
    const ns = lowerKeys(rawNs);
    for (const rawQueue of asArray(ns.queues)) {
      const q = lowerKeys(rawQueue);
      if (typeof q.name !== 'string') throw new Error(`${file}: a queue needs a Name`);
      result.queues.push({
        name: q.name,
        properties: parseEntityProperties(q.properties, `${file} queue '${q.name}'`),
      });
    }
    for (const rawTopic of asArray(ns.topics)) {
      const t = lowerKeys(rawTopic);
      if (typeof t.name !== 'string') throw new Error(`${file}: a topic needs a Name`);
      const topicName = t.name;
      const subscriptions = asArray(t.subscriptions).map((rawSub): SubscriptionConfig => {
        const s = lowerKeys(rawSub);
        if (typeof s.name !== 'string')
          throw new Error(`${file}: a subscription of '${topicName}' needs a Name`);
        const where = `${file} subscription '${topicName}/${s.name}'`;
        const rules = asArray(s.rules).map((r) => parseEmulatorRule(r, where));
        return {
          name: s.name,
          properties: parseEntityProperties(s.properties, where),
          rules: rules.length ? rules : [defaultRule],
        };
      });
      result.topics.push({
        name: topicName,
        properties: parseEntityProperties(t.properties, `${file} topic '${topicName}'`),
        subscriptions,
      });
    }
  }
  return result;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new Error(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Entities from the topology file and, when given, an emulator Config.json. A name defined in both is taken from
 * Config.json (the file the user pointed at explicitly); a name defined twice in one file is an error.
 */
export function loadNamespaceConfig(init: {
  topology?: string | undefined;
  config?: string | undefined;
}): NamespaceConfig {
  const base = init.topology
    ? parseTopology(readJson(init.topology), init.topology)
    : { queues: [], topics: [] };
  const extra = init.config
    ? parseEmulatorConfig(readJson(init.config), init.config)
    : { queues: [], topics: [] };
  for (const part of [base, extra]) assertUnique(part);
  const overridden = new Set([...extra.queues, ...extra.topics].map((e) => e.name.toLowerCase()));
  const keep = <T extends { name: string }>(e: T) => !overridden.has(e.name.toLowerCase());
  return {
    queues: [...base.queues.filter(keep), ...extra.queues],
    topics: [...base.topics.filter(keep), ...extra.topics],
  };
}

function assertUnique(ns: NamespaceConfig): void {
  const seen = new Set<string>();
  for (const name of [...ns.queues, ...ns.topics].map((e) => e.name.toLowerCase())) {
    if (seen.has(name)) throw new Error(`Entity '${name}' is defined more than once`);
    seen.add(name);
  }
}
