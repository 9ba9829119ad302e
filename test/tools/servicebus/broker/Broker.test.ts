import { parseIncoming } from '../../../../tools/servicebus/amqp/incomingMessage';
import { Broker } from '../../../../tools/servicebus/broker/Broker';
import {
  defaultEntityProperties,
  type EntityProperties,
} from '../../../../tools/servicebus/config/NamespaceConfig';
import { MemoryPersistence } from '../../../../tools/servicebus/persistence/MemoryPersistence';

function brokerWith(props: Partial<EntityProperties>) {
  const properties = { ...defaultEntityProperties, requiresDuplicateDetection: true, ...props };
  const broker = new Broker({ queues: [{ name: 'q', properties }], topics: [] }, new MemoryPersistence());
  const queue = broker.receivable('q');
  return {
    broker,
    queue,
    send: (...m: Parameters<typeof parseIncoming>[0][]) =>
      broker.send(
        queue,
        m.map((x) => parseIncoming(x, undefined)),
      ),
  };
}

// A rejected transfer stored nothing: remembering its ids would make the sender's retry a "duplicate", silently
// dropped, and the message lost (the relay retries a failed send with the same deterministic messageId).
describe('Broker duplicate detection and rejected transfers', () => {
  it('accepts the retry of a send rejected with QuotaExceeded once there is room', () => {
    const { queue, send } = brokerWith({ maxSizeBytes: 1000 });
    expect(send({ message_id: 'first', body: 'x'.repeat(600) })).toHaveLength(1);
    expect(() => send({ message_id: 'second', body: 'y'.repeat(600) })).toThrow(/quota|size/i);
    queue.remove(queue.messages.get(1)!);
    expect(send({ message_id: 'second', body: 'y'.repeat(600) })).toHaveLength(1);
    expect([...queue.messages.values()].map((m) => m.messageId)).toEqual(['second']);
  });

  it('accepts the retry of a send rejected for lacking a session id', () => {
    const { queue, send } = brokerWith({ requiresSession: true });
    expect(() => send({ message_id: 'm', body: 'no session' })).toThrow(/session/i);
    expect(send({ message_id: 'm', body: 'with session', group_id: 's1' })).toHaveLength(1);
    expect(queue.messages.size).toBe(1);
  });

  it('still drops a duplicate within the window and within one transfer', () => {
    const { queue, send } = brokerWith({});
    expect(
      send({ message_id: 'a', body: 1 }, { message_id: 'a', body: 2 }, { message_id: 'b', body: 3 }),
    ).toHaveLength(2);
    expect(send({ message_id: 'b', body: 4 })).toHaveLength(0);
    expect(queue.messages.size).toBe(2);
  });
});
