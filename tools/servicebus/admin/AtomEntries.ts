import { brokerErrors } from '../errors';
import { entryXml, feedXml, type EntryInit } from './atomXml';
import { namespaceXml, queueXml, subscriptionXml, topicXml } from './entityXml';
import type { NamespaceAdmin } from './NamespaceAdmin';
import { ruleXml } from './ruleXml';

/** Azure's page size for entity lists, and its maximum `$top`. */
export const PAGE_SIZE = 100;

/** What an entry's ids and forwarding URIs are built from. */
export interface EntryContext {
  /** `http://host:port` */
  base: string;
  /** `host:port` */
  host: string;
  query: URLSearchParams;
}

function page(query: URLSearchParams): { skip: number; top: number } {
  const int = (name: string, fallback: number) => {
    const v = query.get(name);
    if (v === null) return fallback;
    if (!/^\d{1,9}$/.test(v)) throw brokerErrors.badRequest(`${name} must be a whole number, got '${v}'.`);
    return Number(v);
  };
  return { skip: int('$skip', 0), top: Math.min(PAGE_SIZE, Math.max(1, int('$top', PAGE_SIZE))) };
}

const byLower = (a: string, b: string) =>
  a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;

/** The entries and feeds the administration API answers with, built from the definitions and runtime counts. */
export class AtomEntries {
  constructor(
    private readonly admin: NamespaceAdmin,
    private readonly startedAt: number,
  ) {}

  namespace(r: EntryContext): string {
    const at = this.startedAt;
    const content = namespaceXml(at);
    return entryXml({
      base: r.base,
      path: '$namespaceinfo',
      title: 'sbemulatorns',
      createdAt: at,
      updatedAt: at,
      content,
    });
  }

  queue(r: EntryContext, name: string): EntryInit {
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

  topic(r: EntryContext, name: string): EntryInit {
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

  subscription(r: EntryContext, topic: string, name: string): EntryInit {
    const s = this.admin.subscription(topic, name);
    const path = `${s.topic}/Subscriptions/${s.name}`;
    const content = subscriptionXml(s, this.admin.broker.runtimeCounts(path), r.host);
    return { base: r.base, path, title: s.name, createdAt: s.createdAt, updatedAt: s.updatedAt, content };
  }

  rule(r: EntryContext, topic: string, sub: string, name: string): EntryInit {
    const s = this.admin.subscription(topic, sub);
    const rule = this.admin.rules.get(topic, sub, name);
    const path = `${s.topic}/Subscriptions/${s.name}/Rules/${rule.name}`;
    const content = ruleXml(rule);
    return {
      base: r.base,
      path,
      title: rule.name,
      createdAt: rule.createdAt,
      updatedAt: rule.createdAt,
      content,
    };
  }

  queues(r: EntryContext): string {
    const names = [...this.admin.defs.queues.values()].map((q) => q.name).sort(byLower);
    return this.list(r, '$Resources/Queues', 'Queues', names, (n) => this.queue(r, n));
  }

  topics(r: EntryContext): string {
    const names = [...this.admin.defs.topics.values()].map((t) => t.name).sort(byLower);
    return this.list(r, '$Resources/Topics', 'Topics', names, (n) => this.topic(r, n));
  }

  subscriptions(r: EntryContext, topic: string): string {
    const t = this.admin.topic(topic);
    const names = this.admin.defs.subscriptionsOf(t.name).map((s) => s.name);
    return this.list(r, `${t.name}/Subscriptions`, 'Subscriptions', names, (n) =>
      this.subscription(r, t.name, n),
    );
  }

  rules(r: EntryContext, topic: string, sub: string): string {
    const s = this.admin.subscription(topic, sub);
    const names = s.rules.map((x) => x.name);
    const path = `${s.topic}/Subscriptions/${s.name}/Rules`;
    return this.list(r, path, 'Rules', names, (n) => this.rule(r, s.topic, s.name, n));
  }

  private list(
    r: EntryContext,
    path: string,
    title: string,
    names: string[],
    entry: (n: string) => EntryInit,
  ): string {
    const { skip, top } = page(r.query);
    const slice = names.slice(skip, skip + top);
    const next = skip + slice.length < names.length ? { skip: skip + slice.length, top } : undefined;
    return feedXml({ base: r.base, path, title, entries: slice.map(entry), next });
  }
}
