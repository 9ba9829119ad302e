import { types, type Typed } from 'rhea';
import type { FilterConfig, RuleConfig } from '../config/NamespaceConfig';
import { brokerErrors } from '../errors';
import type { RuleDefinition } from './definitions';

/**
 * Rule descriptions as AMQP management carries them
 * (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-amqp-request-response#rule-operations):
 * described lists with Microsoft's descriptor codes, the ones @azure/core-amqp's Constants.descriptorCodes lists.
 */
const CODE = {
  ruleDescription: 0x0000013700000004,
  sqlFilter: 0x0000001370000006,
  trueFilter: 0x0000001370000007,
  falseFilter: 0x0000001370000008,
  correlationFilter: 0x0000001370000009,
  emptyRuleAction: 0x0000013700000005,
  sqlRuleAction: 0x0000013700000006,
};
/** SQL compatibility level Azure reports for every SQL filter and action. */
const COMPATIBILITY_LEVEL = 20;

/** Correlation filter keys on the wire → the system property names FilterConfig uses, in the list's order. */
const CORRELATION_FIELDS: Array<[string, string]> = [
  ['correlation-id', 'CorrelationId'],
  ['message-id', 'MessageId'],
  ['to', 'To'],
  ['reply-to', 'ReplyTo'],
  ['label', 'Label'],
  ['session-id', 'SessionId'],
  ['reply-to-session-id', 'ReplyToSessionId'],
  ['content-type', 'ContentType'],
];

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Date);

function expressionOf(v: unknown, what: string): string {
  const e = isMap(v) ? v.expression : undefined;
  if (typeof e !== 'string' || e.trim() === '') throw brokerErrors.badRequest(`${what} needs an expression.`);
  return e;
}

function correlationFromWire(raw: Record<string, unknown>): FilterConfig {
  const system: Record<string, string> = {};
  for (const [wire, name] of CORRELATION_FIELDS) {
    const v = raw[wire];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string')
      throw brokerErrors.badRequest(`Correlation filter '${wire}' must be a string.`);
    system[name] = v;
  }
  const properties: Record<string, string | number | boolean | Date> = {};
  if (raw.properties !== undefined && raw.properties !== null) {
    if (!isMap(raw.properties)) throw brokerErrors.badRequest('Correlation filter properties must be a map.');
    for (const [k, v] of Object.entries(raw.properties)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date)
        properties[k] = v;
      else throw brokerErrors.badRequest(`Correlation filter property '${k}' has an unsupported type.`);
    }
  }
  return { kind: 'correlation', system, properties };
}

/** The body of `com.microsoft:add-rule`: `rule-name` and `rule-description` (a filter and an optional action). */
export function ruleFromAmqp(body: Record<string, unknown>): RuleConfig {
  const name = body['rule-name'];
  if (typeof name !== 'string' || name === '') throw brokerErrors.badRequest('add-rule needs a rule-name.');
  const d = body['rule-description'];
  if (!isMap(d)) throw brokerErrors.badRequest('add-rule needs a rule-description map.');
  let filter: FilterConfig;
  if (d['sql-filter'] !== undefined && d['sql-filter'] !== null)
    filter = { kind: 'sql', expression: expressionOf(d['sql-filter'], 'A SQL filter') };
  else if (isMap(d['correlation-filter'])) filter = correlationFromWire(d['correlation-filter']);
  else if (d['true-filter'] !== undefined) filter = { kind: 'true' };
  else if (d['false-filter'] !== undefined) filter = { kind: 'false' };
  else throw brokerErrors.badRequest('A rule-description needs a sql-filter or a correlation-filter.');
  const action = d['sql-rule-action'];
  return {
    name,
    filter,
    action: action === undefined || action === null ? undefined : expressionOf(action, 'A SQL rule action'),
  };
}

const described = (code: number, items: unknown[]): Typed =>
  types.wrap_described(types.wrap_list(items), code);
const text = (v: string | undefined): Typed => (v === undefined ? types.wrap(null) : types.wrap_string(v));

function filterToWire(filter: FilterConfig): Typed {
  switch (filter.kind) {
    case 'true':
      return described(CODE.trueFilter, []);
    case 'false':
      return described(CODE.falseFilter, []);
    case 'sql':
      return described(CODE.sqlFilter, [
        types.wrap_string(filter.expression),
        types.wrap_int(COMPATIBILITY_LEVEL),
      ]);
    case 'correlation': {
      // Without properties the list ends early: the SDK decodes any 9th element, even null, as a map.
      const props = Object.keys(filter.properties).length ? [types.wrap_map(filter.properties)] : [];
      return described(CODE.correlationFilter, [
        ...CORRELATION_FIELDS.map(([, name]) => text(filter.system[name])),
        ...props,
      ]);
    }
  }
}

/** One entry of the `enumerate-rules` reply: `{ 'rule-description': [filter, action, name, created-at] }`. */
export function ruleToAmqp(rule: RuleDefinition): Typed {
  const action =
    rule.action === undefined
      ? described(CODE.emptyRuleAction, [])
      : described(CODE.sqlRuleAction, [types.wrap_string(rule.action), types.wrap_int(COMPATIBILITY_LEVEL)]);
  return types.wrap_map({
    'rule-description': described(CODE.ruleDescription, [
      filterToWire(rule.filter),
      action,
      types.wrap_string(rule.name),
      types.wrap_timestamp(rule.createdAt),
    ]),
  });
}
