import type { ServiceBusMessage, ServiceBusSender } from '@azure/service-bus';
import type { DeadLetterAlertDoc } from '../../../shared/alerts/deadLetterDocs';
import { deadLetterFromTrigger } from '../../../shared/alerts/deadLetterFromTrigger';
import { DeadLetterNotFoundError } from '../../../shared/alerts/errors';
import { alertIdFor, recordDeadLetter } from '../../../shared/alerts/recordDeadLetter';
import { replayDeadLetter } from '../../../shared/alerts/replayDeadLetter';
import type { DeadLetterAlertCommand } from '../../../shared/email/commands';
import { emailCommand } from '../../../shared/email/commands';
import { MemoryDocStore } from '../analytics/memoryDocStore';

const meta = {
  messageId: 'poison-1',
  sequenceNumber: 42,
  deliveryCount: 10,
  enqueuedTimeUtc: '2026-11-21T10:00:00.000Z',
  applicationProperties: {
    DeadLetterReason: 'MaxDeliveryCountExceeded',
    DeadLetterErrorDescription: 'tried 10 times',
    tenant: 't1',
  },
  contentType: 'application/json',
  subject: 'OrderCreated',
};

function setup() {
  const store = new MemoryDocStore<DeadLetterAlertDoc>();
  const commands: DeadLetterAlertCommand[] = [];
  const init = {
    store,
    alertTo: 'ops@orderflow.local',
    sendAlertCommand: (c: DeadLetterAlertCommand) => (commands.push(c), Promise.resolve()),
  };
  return { store, commands, init };
}

describe('deadLetterFromTrigger', () => {
  it('reads camelCase metadata and takes the reason from the application properties', () => {
    const m = deadLetterFromTrigger('orders', { x: 1 }, meta);
    expect(m).toMatchObject({
      messageId: 'poison-1',
      sequenceNumber: '42',
      deliveryCount: 10,
      reason: 'MaxDeliveryCountExceeded',
      description: 'tried 10 times',
      subject: 'OrderCreated',
    });
  });

  it('reads PascalCase metadata too', () => {
    const m = deadLetterFromTrigger('orders', 'x', {
      MessageId: 'm',
      DeadLetterReason: 'r',
      DeliveryCount: '3',
    });
    expect(m).toMatchObject({ messageId: 'm', reason: 'r', deliveryCount: 3 });
  });
});

describe('recordDeadLetter', () => {
  it('stores the whole message and sends one valid operator command', async () => {
    const { store, commands, init } = setup();
    const { alert, created } = await recordDeadLetter(
      deadLetterFromTrigger('orders', { bad: true }, meta),
      init,
    );
    expect(created).toBe(true);
    expect(alert).toMatchObject({
      id: 'poison-1~42',
      body: { bad: true },
      bodyEncoding: 'json',
      deliveryCount: 10,
      enqueuedTime: '2026-11-21T10:00:00.000Z',
    });
    expect(alert.applicationProperties.tenant).toBe('t1');
    expect(store.all()).toHaveLength(1);
    expect(commands).toHaveLength(1);
    expect(emailCommand.parse(commands[0])).toMatchObject({
      id: 'alert:poison-1~42',
      to: 'ops@orderflow.local',
      reason: 'MaxDeliveryCountExceeded',
    });
  });

  it('gives one alert and the same command id when the dead letter is delivered twice', async () => {
    const { store, commands, init } = setup();
    const m = deadLetterFromTrigger('orders', { bad: true }, meta);
    await recordDeadLetter(m, init);
    await expect(recordDeadLetter(m, init)).resolves.toMatchObject({ created: false });
    expect(store.all()).toHaveLength(1);
    expect(new Set(commands.map((c) => c.id)).size).toBe(1);
  });

  it('makes ids Cosmos DB accepts', () => {
    expect(alertIdFor({ queue: 'orders', messageId: 'a/b?c#d e', sequenceNumber: '1' })).toBe('a_b_c_d_e~1');
    expect(alertIdFor({ queue: 'orders', messageId: 'x'.repeat(300), sequenceNumber: '1' })).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });
});

describe('replayDeadLetter', () => {
  function sender(fail = false) {
    const sent: ServiceBusMessage[] = [];
    const s = {
      sendMessages: (m: ServiceBusMessage) =>
        fail ? Promise.reject(new Error('bus down')) : (sent.push(m), Promise.resolve()),
    };
    return { sender: s as unknown as ServiceBusSender, sent };
  }

  it('sends the same body and properties under a new message id, then records who and when', async () => {
    const { store, init } = setup();
    await recordDeadLetter(deadLetterFromTrigger('orders', Buffer.from('raw bytes'), meta), init);
    const bus = sender();
    const now = () => new Date('2026-11-21T11:00:00.000Z');
    const { alert, messageId } = await replayDeadLetter('poison-1~42', 'admin@orderflow.local', {
      store,
      senderFor: () => Promise.resolve(bus.sender),
      now,
    });
    expect(messageId).toBe('poison-1:replay-1');
    expect(bus.sent[0]).toMatchObject({
      messageId: 'poison-1:replay-1',
      subject: 'OrderCreated',
      contentType: 'application/json',
    });
    expect(Buffer.isBuffer(bus.sent[0]!.body) && bus.sent[0]!.body.toString()).toBe('raw bytes');
    expect(bus.sent[0]!.applicationProperties).toEqual({
      tenant: 't1',
      replayOf: 'poison-1',
      replayAttempt: 1,
    });
    expect(alert).toMatchObject({
      replayedBy: 'admin@orderflow.local',
      replayedAt: '2026-11-21T11:00:00.000Z',
    });
    // Exactly once: a second request answers the same replay and sends nothing.
    const again = await replayDeadLetter('poison-1~42', 'admin@orderflow.local', {
      store,
      senderFor: () => Promise.resolve(bus.sender),
    });
    expect(again.messageId).toBe('poison-1:replay-1');
    expect(bus.sent).toHaveLength(1);
  });

  it('records nothing when the send fails, so the dead letter is still there to replay', async () => {
    const { store, init } = setup();
    await recordDeadLetter(deadLetterFromTrigger('orders', { a: 1 }, meta), init);
    await expect(
      replayDeadLetter('poison-1~42', 'admin', {
        store,
        senderFor: () => Promise.resolve(sender(true).sender),
      }),
    ).rejects.toThrow('bus down');
    expect((await store.read('poison-1~42'))?.doc.replays).toEqual([]);
  });

  it('reports an unknown id', async () => {
    const { store } = setup();
    await expect(
      replayDeadLetter('nope', 'admin', { store, senderFor: () => Promise.resolve(sender().sender) }),
    ).rejects.toThrow(DeadLetterNotFoundError);
  });
});
