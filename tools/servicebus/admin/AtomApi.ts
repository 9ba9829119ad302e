import { brokerErrors } from '../errors';
import { entryXml, feedXml, parseEntryContent, type EntryInit } from './atomXml';
import { entityInputFrom } from './entityInput';
import { namespaceXml, queueXml, subscriptionXml, topicXml } from './entityXml';
import type { NamespaceAdmin } from './NamespaceAdmin';
import { ruleFrom, ruleXml } from './ruleXml';

export interface AtomRequest {
  method: string;
  /** Decoded path segments. */
  segments: string[];
  query: URLSearchParams;
  /** `If-Match: *` marks an update. */
  isUpdate: boolean;
  body: string;
  /** `http://host:port`, for entry ids; `host:port`, for forwarding URIs. */
  base: string;
  host: string;
}

export interface AtomResponse {
  status: number;
  body: string;
}

/** Azure's page size for entity lists, and its maximum `$top`. */
export const PAGE_SIZE = 100;

const ok = (body: string, status = 200): AtomResponse => ({ status, body });
const ci = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

function page(query: URLSearchParams): { skip: number; top: number } {
  const int = (name: string, fallback: number) => {
    const v = query.get(name);
    if (v === null) return fallback;
    if (!/^\d{1,9}$/.test(v)) throw brokerErrors.badRequest(`${name} must be a whole number, got '${v}'.`);
    return Number(v);
  };
  return { skip: int('$skip', 0), top: Math.min(PAGE_SIZE, Math.max(1, int('$top', PAGE_SIZE))) };
}

/**
 * The ATOM administration API over NamespaceAdmin: paths `<queue|topic>`, `<topic>/Subscriptions/<sub>`,
 * `<topic>/Subscriptions/<sub>/Rules/<rule>`, lists `$Resources/Queues|Topics`, `<topic>/Subscriptions`,
 * `.../Rules` (with `$skip`/`$top`), and `$namespaceinfo`.
 */
export class AtomApi {
  constructor(
    private readonly admin: NamespaceAdmin,
    private readonly startedAt = Date.now(),
  ) {}

  async handle(r: AtomRequest): Promise<AtomResponse> {
    const s = r.segments;
    if (s.length === 1 && ci(s[0], '$namespaceinfo')) return this.get(r, () => ok(this.namespace(r)));
    if (s.length === 2 && ci(s[0], '$Resources') && (ci(s[1], 'Queues') || ci(s[1], 'Topics')))
      return this.get(r, () => (ci(s[1], 'Queues') ? this.queues(r) : this.topics(r)));
    const i = s.findIndex((x, n) => n > 0 && ci(x, 'Subscriptions'));
    if (s.length === 0 || s.some((x) => x === '')) throw brokerErrors.entityNotFound(s.join('/'));
    if (i < 0) return this.queueOrTopic(r, s.join('/'));
    const topic = s.slice(0, i).join('/');
    const rest = s.slice(i + 1);
    if (rest.length === 0) return this.get(r, () => this.subscriptions(r, topic));
    if (rest.length === 1) return this.subscription(r, topic, rest[0]!);
    if (ci(rest[1], 'Rules') && rest.length === 2) return this.get(r, () => this.rules(r, topic, rest[0]!));
    if (ci(rest[1], 'Rules') && rest.length === 3) return this.rule(r, topic, rest[0]!, rest[2]!);
    throw brokerErrors.entityNotFound(s.join('/'));
  }

  private async get(r: AtomRequest, fn: () => AtomResponse): Promise<AtomResponse> {
    if (r.method !== 'GET') throw methodNotAllowed(r.method);
    return Promise.resolve(fn());
  }

  private namespace(r: AtomRequest): string {
    const at = this.startedAt;
    return entryXml({
      base: r.base,
      path: '$namespaceinfo',
      title: 'sbemulatorns',
      createdAt: at,
      updatedAt: at,
      content: namespaceXml(at),
    });
  }

  private queueEntry(r: AtomRequest, name: string): EntryInit {
    const q = this.admin.queue(name);
    const content = queueXml(q, this.admin.broker.runtimeCounts(q.name), r.host);
    return {
      base: r.base,
      path: q.name,
      title: q.name,
      createdAt: q.createdAt,
      updatedAt: q.updatedAt,
      content,
    };
  }

  private topicEntry(r: AtomRequest, name: string): EntryInit {
    const t = this.admin.topic(name);
    const subs = this.admin.defs.subscriptionsOf(t.name).length;
    const content = topicXml(t, this.admin.broker.runtimeCounts(t.name), subs);
    return {
      base: r.base,
      path: t.name,
      title: t.name,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      content,
    };
  }

  private subscriptionEntry(r: AtomRequest, topic: string, name: string): EntryInit {
    const s = this.admin.subscription(topic, name);
    const path = `${s.topic}/Subscriptions/${s.name}`;
    const content = subscriptionXml(s, this.admin.broker.runtimeCounts(path), r.host);
    return { base: r.base, path, title: s.name, createdAt: s.createdAt, updatedAt: s.updatedAt, content };
  }

  private ruleEntry(r: AtomRequest, topic: string, sub: string, name: string): EntryInit {
    const s = this.admin.subscription(topic, sub);
    const rule = this.admin.rules.get(topic, sub, name);
    const path = `${s.topic}/Subscriptions/${s.name}/Rules/${rule.name}`;
    return {
      base: r.base,
      path,
      title: rule.name,
      createdAt: rule.createdAt,
      updatedAt: rule.createdAt,
      content: ruleXml(rule),
    };
  }

  private list(
    r: AtomRequest,
    path: string,
    title: string,
    names: string[],
    entry: (n: string) => EntryInit,
  ): AtomResponse {
    const { skip, top } = page(r.query);
    const slice = names.slice(skip, skip + top);
    const next = skip + slice.length < names.length ? { skip: skip + slice.length, top } : undefined;
    return ok(feedXml({ base: r.base, path, title, entries: slice.map(entry), next }));
  }

  private queues(r: AtomRequest): AtomResponse {
    const names = [...this.admin.defs.queues.values()].map((q) => q.name).sort(byLower);
    return this.list(r, '$Resources/Queues', 'Queues', names, (n) => this.queueEntry(r, n));
  }

  private topics(r: AtomRequest): AtomResponse {
    const names = [...this.admin.defs.topics.values()].map((t) => t.name).sort(byLower);
    return this.list(r, '$Resources/Topics', 'Topics', names, (n) => this.topicEntry(r, n));
  }

  private subscriptions(r: AtomRequest, topic: string): AtomResponse {
    const t = this.admin.topic(topic);
    const names = this.admin.defs.subscriptionsOf(t.name).map((s) => s.name);
    return this.list(r, `${t.name}/Subscriptions`, 'Subscriptions', names, (n) =>
      this.subscriptionEntry(r, t.name, n),
    );
  }

  private rules(r: AtomRequest, topic: string, sub: string): AtomResponse {
    const s = this.admin.subscription(topic, sub);
    const names = s.rules.map((x) => x.name);
    return this.list(r, `${s.topic}/Subscriptions/${s.name}/Rules`, 'Rules', names, (n) =>
      this.ruleEntry(r, s.topic, s.name, n),
    );
  }

  private async queueOrTopic(r: AtomRequest, name: string): Promise<AtomResponse> {
    const key = name.toLowerCase();
    const isQueue = this.admin.defs.queues.has(key);
    const isTopic = this.admin.defs.topics.has(key);
    switch (r.method) {
      case 'GET':
        if (isQueue) return ok(entryXml(this.queueEntry(r, name)));
        if (isTopic) return ok(entryXml(this.topicEntry(r, name)));
        throw brokerErrors.entityNotFound(name);
      case 'DELETE':
        if (isQueue) await this.admin.deleteQueue(name);
        else if (isTopic) await this.admin.deleteTopic(name);
        else throw brokerErrors.entityNotFound(name);
        return ok('');
      case 'PUT': {
        const { kind, node } = await parseEntryContent(r.body);
        if (kind === 'QueueDescription') {
          const input = entityInputFrom('queue', node, `queue '${name}'`);
          if (r.isUpdate && !isQueue) throw brokerErrors.entityNotFound(name);
          const def = r.isUpdate ? this.admin.updateQueue(name, input) : this.admin.createQueue(name, input);
          return ok(entryXml(this.queueEntry(r, def.name)), r.isUpdate ? 200 : 201);
        }
        if (kind === 'TopicDescription') {
          const input = entityInputFrom('topic', node, `topic '${name}'`);
          if (r.isUpdate && !isTopic) throw brokerErrors.entityNotFound(name);
          const def = r.isUpdate ? this.admin.updateTopic(name, input) : this.admin.createTopic(name, input);
          return ok(entryXml(this.topicEntry(r, def.name)), r.isUpdate ? 200 : 201);
        }
        throw brokerErrors.badRequest(
          `PUT ${name}: expected a QueueDescription or TopicDescription, got ${kind}.`,
        );
      }
      default:
        throw methodNotAllowed(r.method);
    }
  }

  private async subscription(r: AtomRequest, topic: string, name: string): Promise<AtomResponse> {
    switch (r.method) {
      case 'GET':
        return ok(entryXml(this.subscriptionEntry(r, topic, name)));
      case 'DELETE':
        await this.admin.deleteSubscription(topic, name);
        return ok('');
      case 'PUT': {
        const { kind, node } = await parseEntryContent(r.body);
        if (kind !== 'SubscriptionDescription')
          throw brokerErrors.badRequest(
            `PUT a subscription: expected a SubscriptionDescription, got ${kind}.`,
          );
        const input = entityInputFrom('subscription', node, `subscription '${topic}/${name}'`);
        const rule = node.DefaultRuleDescription;
        const rules =
          typeof rule === 'object' && rule !== null
            ? [ruleFrom(rule as Record<string, unknown>, '$Default')]
            : undefined;
        const def = r.isUpdate
          ? this.admin.updateSubscription(topic, name, input)
          : this.admin.createSubscription(topic, name, input, rules);
        return ok(entryXml(this.subscriptionEntry(r, def.topic, def.name)), r.isUpdate ? 200 : 201);
      }
      default:
        throw methodNotAllowed(r.method);
    }
  }

  private async rule(r: AtomRequest, topic: string, sub: string, name: string): Promise<AtomResponse> {
    switch (r.method) {
      case 'GET':
        return ok(entryXml(this.ruleEntry(r, topic, sub, name)));
      case 'DELETE':
        this.admin.rules.remove(topic, sub, name);
        return ok('');
      case 'PUT': {
        const { kind, node } = await parseEntryContent(r.body);
        if (kind !== 'RuleDescription')
          throw brokerErrors.badRequest(`PUT a rule: expected a RuleDescription, got ${kind}.`);
        const rule = { ...ruleFrom(node, name), name };
        if (r.isUpdate) this.admin.rules.update(topic, sub, rule);
        else this.admin.rules.add(topic, sub, rule);
        return ok(entryXml(this.ruleEntry(r, topic, sub, name)), r.isUpdate ? 200 : 201);
      }
      default:
        throw methodNotAllowed(r.method);
    }
  }
}

const byLower = (a: string, b: string) =>
  a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;

/** Carries HTTP 405 through the error catalog's shape. */
function methodNotAllowed(method: string): Error & { statusCode: number } {
  return Object.assign(new Error(`Method ${method} is not allowed here.`), { statusCode: 405 });
}
