import type { Message } from 'rhea';
import { filterView } from '../../../../../tools/servicebus/filters/FilterView';
import { compileSqlAction, compileSqlFilter } from '../../../../../tools/servicebus/filters/sql/compileSql';

const message = (fields: Partial<Message>): Message => fields as Message;
const view = (fields: Partial<Message>) =>
  filterView(message(fields), { sequenceNumber: 7, enqueuedTimeUtc: 1_000, deliveryCount: 0 });
const matches = (sql: string, fields: Partial<Message>) => compileSqlFilter(sql)(view(fields));
const props = (application_properties: Record<string, unknown>) => ({ application_properties });

describe('SQL filter', () => {
  it.each([
    ["color = 'red'", props({ color: 'red' }), true],
    ["color = 'red'", props({ color: 'blue' }), false],
    ["color <> 'red'", props({ color: 'blue' }), true],
    ["color != 'red'", props({ color: 'red' }), false],
    ['qty > 5', props({ qty: 6 }), true],
    ['qty >= 5 AND qty <= 5', props({ qty: 5 }), true],
    ['qty < 5', props({ qty: 5 }), false],
    ['qty * 2 + 1 = 11', props({ qty: 5 }), true],
    ['-qty = -5', props({ qty: 5 }), true],
    ["a = 1 OR b = 'x'", props({ b: 'x' }), true],
    ['NOT (qty > 5)', props({ qty: 1 }), true],
    ["color IN ('red', 'green')", props({ color: 'green' }), true],
    ["color NOT IN ('red', 'green')", props({ color: 'green' }), false],
    ["name LIKE 'ord%'", props({ name: 'order-1' }), true],
    ["name LIKE 'o_der%'", props({ name: 'order-1' }), true],
    ["name NOT LIKE 'ord%'", props({ name: 'order-1' }), false],
    ["name LIKE '50!%' ESCAPE '!'", props({ name: '50%' }), true],
    ["name LIKE '50!%' ESCAPE '!'", props({ name: '500' }), false],
    ['missing IS NULL', props({}), true],
    ['qty IS NOT NULL', props({ qty: 0 }), true],
    ['EXISTS(qty)', props({ qty: 0 }), true],
    ['NOT EXISTS(qty)', props({}), true],
    ["sys.Label = 'order'", { subject: 'order' }, true],
    ["sys.MessageId = 'm1' AND sys.CorrelationId = 'c1'", { message_id: 'm1', correlation_id: 'c1' }, true],
    ["sys.To = 'x' OR sys.ReplyTo = 'y'", { reply_to: 'y' }, true],
    [
      "sys.SessionId = 's' AND sys.ContentType = 'application/json'",
      { group_id: 's', content_type: 'application/json' },
      true,
    ],
    ['sys.SequenceNumber = 7', {}, true],
    ["user.color = 'red'", props({ color: 'red' }), true],
    ["[my-prop] = 'v'", props({ 'my-prop': 'v' }), true],
    ['flag = TRUE', props({ flag: true }), true],
    ['1 = 1', {}, true],
    ["qty = 'five'", props({ qty: 5 }), false],
  ] as Array<[string, Partial<Message>, boolean]>)('%s -> %s', (sql, fields, expected) => {
    expect(matches(sql, fields)).toBe(expected);
  });

  it('treats a comparison with a missing property as unknown (neither it nor its negation matches)', () => {
    expect(matches('missing = 1', props({}))).toBe(false);
    expect(matches('NOT (missing = 1)', props({}))).toBe(false);
    expect(matches('missing = 1 OR 1 = 1', props({}))).toBe(true);
  });

  it('reads quoted strings with doubled quotes', () => {
    expect(matches("name = 'it''s'", props({ name: "it's" }))).toBe(true);
  });

  it('rejects malformed expressions with the position', () => {
    expect(() => compileSqlFilter("color = 'red")).toThrow(/Unterminated string/);
    expect(() => compileSqlFilter('color = ')).toThrow(/position/);
    expect(() => compileSqlFilter('a NOT b')).toThrow(/expected IN or LIKE/);
  });
});

describe('SQL rule action', () => {
  it('sets and removes application properties and sets system properties', () => {
    const decoded = message({ subject: 'order', application_properties: { keep: 1, drop: 2, qty: 3 } });
    compileSqlAction("SET routed = 'yes'; SET doubled = qty * 2; REMOVE drop; SET sys.Label = 'routed'")(
      decoded,
      filterView(decoded, { sequenceNumber: 1, enqueuedTimeUtc: 0, deliveryCount: 0 }),
    );
    expect(decoded.application_properties).toEqual({ keep: 1, qty: 3, routed: 'yes', doubled: 6 });
    expect(decoded.subject).toBe('routed');
  });

  it('refuses system properties it cannot set', () => {
    expect(() => compileSqlAction('SET sys.SequenceNumber = 1')).toThrow(/not supported/);
  });
});
