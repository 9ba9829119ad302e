import { lowerKeys } from './entityPropertiesSchema';
import type { FilterConfig, RuleConfig } from './NamespaceConfig';

/** Correlation filter keys accepted, by lower-cased config key, mapped to the Service Bus system property name. */
const correlationKeys: Record<string, string> = {
  correlationid: 'CorrelationId',
  messageid: 'MessageId',
  to: 'To',
  replyto: 'ReplyTo',
  label: 'Label',
  subject: 'Label',
  sessionid: 'SessionId',
  replytosessionid: 'ReplyToSessionId',
  contenttype: 'ContentType',
};

function parseCorrelation(raw: unknown, where: string): FilterConfig {
  const system: Record<string, string> = {};
  let properties: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(lowerKeys(raw))) {
    if (key === 'properties' || key === 'applicationproperties') {
      properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => {
          if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
            throw new Error(`${where}: correlation property '${k}' must be a string, number or boolean`);
          }
          return [k, v];
        }),
      );
      continue;
    }
    const name = correlationKeys[key];
    if (!name) throw new Error(`${where}: unknown correlation filter key '${key}'`);
    if (typeof value !== 'string') throw new Error(`${where}: correlation filter '${key}' must be a string`);
    if (value !== '') system[name] = value;
  }
  return { kind: 'correlation', system, properties };
}

/** A rule in the official emulator's Config.json shape: `{ Name, Properties: { FilterType, SqlFilter|CorrelationFilter, Action } }`. */
export function parseEmulatorRule(raw: unknown, where: string): RuleConfig {
  const rule = lowerKeys(raw);
  const name = typeof rule.name === 'string' ? rule.name : undefined;
  if (!name) throw new Error(`${where}: a rule needs a Name`);
  const props = lowerKeys(rule.properties);
  const type = typeof props.filtertype === 'string' ? props.filtertype.toLowerCase() : 'sql';
  const at = `${where} rule '${name}'`;
  let filter: FilterConfig;
  if (type === 'correlation') filter = parseCorrelation(props.correlationfilter, at);
  else if (type === 'sql') {
    const expression = lowerKeys(props.sqlfilter).sqlexpression;
    if (typeof expression !== 'string') throw new Error(`${at}: SqlFilter.SqlExpression is required`);
    filter = { kind: 'sql', expression };
  } else if (type === 'true' || type === 'truefilter') filter = { kind: 'true' };
  else if (type === 'false' || type === 'falsefilter') filter = { kind: 'false' };
  else throw new Error(`${at}: unknown FilterType '${String(props.filtertype)}'`);
  const action = lowerKeys(props.action).sqlexpression;
  return { name, filter, action: typeof action === 'string' && action.trim() ? action : undefined };
}

/** A rule in the topology shape: `{ sqlFilter?: string, correlationFilter?: {...}, action?: string }`. */
export function parseTopologyRule(name: string, raw: unknown, where: string): RuleConfig {
  const rule = lowerKeys(raw);
  const at = `${where} rule '${name}'`;
  let filter: FilterConfig;
  if (typeof rule.sqlfilter === 'string') filter = { kind: 'sql', expression: rule.sqlfilter };
  else if (rule.correlationfilter !== undefined) filter = parseCorrelation(rule.correlationfilter, at);
  else filter = { kind: 'true' };
  return {
    name,
    filter,
    action: typeof rule.action === 'string' && rule.action.trim() ? rule.action : undefined,
  };
}

export const defaultRule: RuleConfig = { name: '$Default', filter: { kind: 'true' }, action: undefined };
