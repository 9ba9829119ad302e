import { brokerErrors } from '../errors';
import { entryXml, parseEntryContent } from './atomXml';
import { AtomEntries, type EntryContext } from './AtomEntries';
import { entityInputFrom } from './entityInput';
import type { NamespaceAdmin } from './NamespaceAdmin';
import { ruleFrom } from './ruleXml';

export interface AtomRequest extends EntryContext {
  method: string;
  /** Decoded path segments. */
  segments: string[];
  /** `If-Match: *` marks an update. */
  isUpdate: boolean;
  body: string;
}

export interface AtomResponse {
  status: number;
  body: string;
}

const ok = (body: string, status = 200): AtomResponse => ({ status, body });
const ci = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/** HTTP 405, carried through the error catalog's `statusCode` shape. */
function methodNotAllowed(method: string): Error & { statusCode: number } {
  return Object.assign(new Error(`Method ${method} is not allowed here.`), { statusCode: 405 });
}

/**
 * The ATOM administration API over NamespaceAdmin: paths `<queue|topic>`, `<topic>/Subscriptions/<sub>`,
 * `<topic>/Subscriptions/<sub>/Rules/<rule>`, lists `$Resources/Queues|Topics`, `<topic>/Subscriptions`,
 * `.../Rules` (with `$skip`/`$top`), and `$namespaceinfo`.
 */
export class AtomApi {
  private readonly entries: AtomEntries;

  constructor(
    private readonly admin: NamespaceAdmin,
    startedAt = Date.now(),
  ) {
    this.entries = new AtomEntries(admin, startedAt);
  }

  async handle(r: AtomRequest): Promise<AtomResponse> {
    const s = r.segments;
    const e = this.entries;
    if (s.length === 1 && ci(s[0], '$namespaceinfo')) return get(r, () => e.namespace(r));
    if (s.length === 2 && ci(s[0], '$Resources') && (ci(s[1], 'Queues') || ci(s[1], 'Topics')))
      return get(r, () => (ci(s[1], 'Queues') ? e.queues(r) : e.topics(r)));
    if (s.length === 0 || s.some((x) => x === '')) throw brokerErrors.entityNotFound(s.join('/'));
    const i = s.findIndex((x, n) => n > 0 && ci(x, 'Subscriptions'));
    if (i < 0) return this.queueOrTopic(r, s.join('/'));
    const topic = s.slice(0, i).join('/');
    const [sub, rules, rule, ...extra] = s.slice(i + 1);
    if (sub === undefined) return get(r, () => e.subscriptions(r, topic));
    if (rules === undefined) return this.subscription(r, topic, sub);
    if (ci(rules, 'Rules') && rule === undefined) return get(r, () => e.rules(r, topic, sub));
    if (ci(rules, 'Rules') && rule !== undefined && extra.length === 0) return this.rule(r, topic, sub, rule);
    throw brokerErrors.entityNotFound(s.join('/'));
  }

  private async queueOrTopic(r: AtomRequest, name: string): Promise<AtomResponse> {
    const isQueue = this.admin.defs.queues.has(name.toLowerCase());
    const isTopic = this.admin.defs.topics.has(name.toLowerCase());
    switch (r.method) {
      case 'GET':
        if (isQueue) return ok(entryXml(this.entries.queue(r, name)));
        if (isTopic) return ok(entryXml(this.entries.topic(r, name)));
        throw brokerErrors.entityNotFound(name);
      case 'DELETE':
        if (isQueue) await this.admin.deleteQueue(name);
        else if (isTopic) await this.admin.deleteTopic(name);
        else throw brokerErrors.entityNotFound(name);
        return ok('');
      case 'PUT': {
        const { kind, node } = await parseEntryContent(r.body);
        const status = r.isUpdate ? 200 : 201;
        if (kind === 'QueueDescription') {
          const input = entityInputFrom('queue', node, `queue '${name}'`);
          if (r.isUpdate && !isQueue) throw brokerErrors.entityNotFound(name);
          const def = r.isUpdate ? this.admin.updateQueue(name, input) : this.admin.createQueue(name, input);
          return ok(entryXml(this.entries.queue(r, def.name)), status);
        }
        if (kind === 'TopicDescription') {
          const input = entityInputFrom('topic', node, `topic '${name}'`);
          if (r.isUpdate && !isTopic) throw brokerErrors.entityNotFound(name);
          const def = r.isUpdate ? this.admin.updateTopic(name, input) : this.admin.createTopic(name, input);
          return ok(entryXml(this.entries.topic(r, def.name)), status);
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
        return ok(entryXml(this.entries.subscription(r, topic, name)));
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
        return ok(entryXml(this.entries.subscription(r, def.topic, def.name)), r.isUpdate ? 200 : 201);
      }
      default:
        throw methodNotAllowed(r.method);
    }
  }

  private async rule(r: AtomRequest, topic: string, sub: string, name: string): Promise<AtomResponse> {
    switch (r.method) {
      case 'GET':
        return ok(entryXml(this.entries.rule(r, topic, sub, name)));
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
        return ok(entryXml(this.entries.rule(r, topic, sub, name)), r.isUpdate ? 200 : 201);
      }
      default:
        throw methodNotAllowed(r.method);
    }
  }
}

function get(r: AtomRequest, body: () => string): Promise<AtomResponse> {
  if (r.method !== 'GET') return Promise.reject(methodNotAllowed(r.method));
  return Promise.resolve(ok(body()));
}
