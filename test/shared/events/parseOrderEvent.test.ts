import { PoisonMessageError } from '../../../shared/events/errors';
import { parseOrderEvent } from '../../../shared/events/parseOrderEvent';
import { orderEvent } from './orderEventFixtures';

describe('parseOrderEvent', () => {
  const event = orderEvent('o-1', 1, 'pending');

  it('accepts an event as an object, JSON text or bytes', () => {
    expect(parseOrderEvent(event)).toEqual(event);
    expect(parseOrderEvent(JSON.stringify(event))).toEqual(event);
    expect(parseOrderEvent(Buffer.from(JSON.stringify(event)))).toEqual(event);
  });

  it("rejects events beyond the API's own limits as poison (shared orderLimits)", () => {
    const line = event.order.items[0]!;
    const withItems = (items: unknown[]) => ({ ...event, order: { ...event.order, items } });
    expect(() => parseOrderEvent(withItems(Array(120).fill(line)))).toThrow(PoisonMessageError);
    expect(parseOrderEvent(withItems(Array(50).fill(line))).order.items).toHaveLength(50);
    expect(() => parseOrderEvent(withItems([{ ...line, quantity: 1000 }]))).toThrow(PoisonMessageError);
    expect(() => parseOrderEvent(withItems([{ ...line, name: 'x'.repeat(201) }]))).toThrow(
      PoisonMessageError,
    );
    expect(() => parseOrderEvent(withItems([{ ...line, sku: 'bad sku' }]))).toThrow(PoisonMessageError);
  });

  it('rejects an unknown event type as poison', () => {
    expect(() => parseOrderEvent({ ...event, type: 'OrderTeleported' })).toThrow(PoisonMessageError);
  });

  it('rejects an unknown schema version as poison, naming the field', () => {
    expect(() => parseOrderEvent({ ...event, schemaVersion: 2 })).toThrow(/schemaVersion/);
  });

  it('rejects text that is not JSON as poison', () => {
    expect(() => parseOrderEvent('{nope')).toThrow(PoisonMessageError);
  });
});
