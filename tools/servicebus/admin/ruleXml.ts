import type { FilterConfig, RuleConfig } from '../config/NamespaceConfig';
import { brokerErrors } from '../errors';
import type { RuleDefinition } from './definitions';
import { el, escapeXml, isoTime, NS, textOf, xsiType, type XmlNode } from './atomXml';

/** Correlation filter elements of a RuleDescription → FilterConfig's system property names. */
const CORRELATION = [
  'CorrelationId',
  'MessageId',
  'To',
  'ReplyTo',
  'Label',
  'SessionId',
  'ReplyToSessionId',
  'ContentType',
];

const asArray = (v: unknown): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

function propertyValue(v: unknown, key: string): string | number | boolean | Date {
  const type = xsiType(v);
  const text = textOf(v) ?? '';
  switch (type) {
    case 'string':
      return text;
    case 'int':
    case 'long':
    case 'double':
    case 'decimal':
      if (text.trim() === '' || !Number.isFinite(Number(text)))
        throw brokerErrors.badRequest(`Property '${key}' is not a number.`);
      return Number(text);
    case 'boolean':
      return text.trim().toLowerCase() === 'true';
    case 'dateTime': {
      const d = new Date(text);
      if (Number.isNaN(d.getTime())) throw brokerErrors.badRequest(`Property '${key}' is not a date.`);
      return d;
    }
    default:
      throw brokerErrors.badRequest(`Property '${key}' has an unsupported type '${type ?? '(none)'}'.`);
  }
}

function noParameters(node: XmlNode, where: string): void {
  if (asArray((node.Parameters as XmlNode | undefined)?.KeyValueOfstringanyType).length > 0)
    throw brokerErrors.badRequest(
      `${where}: SQL parameters are not supported by the offline Service Bus emulator.`,
    );
}

function filterFrom(node: unknown): FilterConfig {
  if (typeof node !== 'object' || node === null) return { kind: 'true' };
  const f = node as XmlNode;
  const type = xsiType(f) ?? (f.SqlExpression !== undefined ? 'SqlFilter' : 'CorrelationFilter');
  if (type === 'TrueFilter') return { kind: 'true' };
  if (type === 'FalseFilter') return { kind: 'false' };
  if (type === 'SqlFilter') {
    noParameters(f, 'Filter');
    const expression = textOf(f.SqlExpression);
    if (!expression?.trim()) throw brokerErrors.badRequest('A SqlFilter needs a SqlExpression.');
    return { kind: 'sql', expression };
  }
  if (type !== 'CorrelationFilter') throw brokerErrors.badRequest(`Unknown filter type '${type}'.`);
  const system: Record<string, string> = {};
  for (const name of CORRELATION) {
    const v = textOf(f[name]);
    if (v) system[name] = v;
  }
  const properties: Record<string, string | number | boolean | Date> = {};
  for (const kv of asArray((f.Properties as XmlNode | undefined)?.KeyValueOfstringanyType)) {
    const key = textOf((kv as XmlNode).Key);
    if (!key) throw brokerErrors.badRequest('A correlation filter property needs a Key.');
    properties[key] = propertyValue((kv as XmlNode).Value, key);
  }
  return { kind: 'correlation', system, properties };
}

/** A RuleDescription (or a subscription's DefaultRuleDescription): filter (true when absent) and SQL action. */
export function ruleFrom(node: XmlNode, fallbackName: string): RuleConfig {
  const action = node.Action as XmlNode | undefined;
  let expression: string | undefined;
  if (typeof action === 'object' && action !== null && xsiType(action) !== 'EmptyRuleAction') {
    noParameters(action, 'Action');
    expression = textOf(action.SqlExpression)?.trim() || undefined;
  }
  return {
    name: textOf(node.Name)?.trim() || fallbackName,
    filter: filterFrom(node.Filter),
    action: expression,
  };
}

function valueXml(v: string | number | boolean | Date): string {
  const [type, text] =
    v instanceof Date
      ? ['dateTime', v.toISOString()]
      : typeof v === 'number'
        ? [Number.isInteger(v) ? 'int' : 'double', String(v)]
        : typeof v === 'boolean'
          ? ['boolean', String(v)]
          : ['string', v];
  // The JS SDK reads the type after a 5-character prefix ("d6p1:"), as Azure writes it.
  return `<Value i:type="d6p1:${type}" xmlns:d6p1="${NS.schema}">${escapeXml(text)}</Value>`;
}

function filterXml(f: FilterConfig): string {
  switch (f.kind) {
    case 'true':
      return `<Filter i:type="TrueFilter"><SqlExpression>1=1</SqlExpression><CompatibilityLevel>20</CompatibilityLevel></Filter>`;
    case 'false':
      return `<Filter i:type="FalseFilter"><SqlExpression>1=0</SqlExpression><CompatibilityLevel>20</CompatibilityLevel></Filter>`;
    case 'sql':
      return `<Filter i:type="SqlFilter">${el('SqlExpression', f.expression)}<CompatibilityLevel>20</CompatibilityLevel></Filter>`;
    case 'correlation': {
      const props = Object.entries(f.properties)
        .map(([k, v]) => `<KeyValueOfstringanyType>${el('Key', k)}${valueXml(v)}</KeyValueOfstringanyType>`)
        .join('');
      const system = CORRELATION.map((n) => el(n, f.system[n])).join('');
      return `<Filter i:type="CorrelationFilter">${system}<Properties>${props}</Properties></Filter>`;
    }
  }
}

/** The inner part of a RuleDescription (also used for a subscription's default rule). */
export function ruleBodyXml(rule: RuleDefinition): string {
  const action =
    rule.action === undefined
      ? '<Action i:type="EmptyRuleAction"/>'
      : `<Action i:type="SqlRuleAction">${el('SqlExpression', rule.action)}<CompatibilityLevel>20</CompatibilityLevel></Action>`;
  return `${filterXml(rule.filter)}${action}${el('CreatedAt', isoTime(rule.createdAt))}${el('Name', rule.name)}`;
}

export function ruleXml(rule: RuleDefinition): string {
  return `<RuleDescription xmlns="${NS.connect}" xmlns:i="${NS.instance}">${ruleBodyXml(rule)}</RuleDescription>`;
}
