import type { ManagementResult } from '../amqp/ManagementHandler';
import { brokerErrors } from '../errors';
import type { NamespaceAdmin } from './NamespaceAdmin';
import { ruleFromAmqp, ruleToAmqp } from './ruleWire';

/** The management operations of the SDK's ServiceBusRuleManager. */
export const RULE_OPERATIONS = new Set(['add-rule', 'remove-rule', 'enumerate-rules']);

/** `<topic>/Subscriptions/<sub>` → its parts; rules exist only on subscriptions. */
function subscriptionOf(entityPath: string): { topic: string; sub: string } {
  const m = /^\/?(.+)\/subscriptions\/([^/]+)\/?$/i.exec(entityPath);
  if (!m) throw brokerErrors.entityNotFound(entityPath);
  return { topic: m[1]!, sub: m[2]! };
}

function count(v: unknown, fallback: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : fallback;
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}

/** `com.microsoft:add-rule`, `remove-rule` and `enumerate-rules` on `<topic>/Subscriptions/<sub>/$management`. */
export function handleRuleOperation(
  admin: NamespaceAdmin,
  entityPath: string,
  op: string,
  body: Record<string, unknown>,
): ManagementResult {
  const { topic, sub } = subscriptionOf(entityPath);
  switch (op) {
    case 'add-rule':
      admin.rules.add(topic, sub, ruleFromAmqp(body));
      return { statusCode: 200, body: undefined };
    case 'remove-rule': {
      const name = body['rule-name'];
      if (typeof name !== 'string' || name === '')
        throw brokerErrors.badRequest('remove-rule needs a rule-name.');
      admin.rules.remove(topic, sub, name);
      return { statusCode: 200, body: undefined };
    }
    default: {
      const skip = count(body.skip, 0);
      const top = count(body.top, Number.MAX_SAFE_INTEGER);
      const rules = admin.rules.list(topic, sub).slice(skip, skip + top);
      // Azure answers 204 (no content) past the last rule; the SDK then returns an empty page.
      if (rules.length === 0) return { statusCode: 204, body: undefined };
      return { statusCode: 200, body: { rules: rules.map(ruleToAmqp) } };
    }
  }
}
