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
