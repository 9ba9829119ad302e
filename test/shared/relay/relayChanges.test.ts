import type { ServiceBusMessage, ServiceBusMessageBatch, ServiceBusSender } from '@azure/service-bus';
import { emailCommand } from '../../../shared/email/commands';
import { InvalidOrderDocumentError, MessageTooLargeError } from '../../../shared/events/errors';
import { relayChanges } from '../../../shared/relay/relayChanges';
import { sendInBatches } from '../../../shared/relay/sendInBatches';
import { orderDoc } from '../events/orderEventFixtures';

/** A sender double whose batches hold at most `perBatch` messages, recording what was sent. */
function recordingSender(perBatch = 100, fail = false) {
  const sent: ServiceBusMessage[][] = [];
  const sender = {
    createMessageBatch: () => {
      const messages: ServiceBusMessage[] = [];
      const batch = {
        get count() {
          return messages.length;
        },
        tryAddMessage: (m: ServiceBusMessage) => {
          if (messages.length >= perBatch || JSON.stringify(m.body).length > 10_000) return false;
          messages.push(m);
          return true;
        },
        messages,
      };
      return Promise.resolve(batch as unknown as ServiceBusMessageBatch);
    },
    sendMessages: (batch: { messages: ServiceBusMessage[] }) => {
      if (fail) return Promise.reject(new Error('broker down'));
      sent.push([...batch.messages]);
      return Promise.resolve();
    },
  };
  return { sender: sender as unknown as ServiceBusSender, sent };
}

const now = () => new Date('2026-11-20T10:00:05.000Z');

describe('relayChanges', () => {
  it('publishes one event per changed order with a deterministic message id, subject and correlation id', async () => {
    const orders = recordingSender();
    const emails = recordingSender();
    const result = await relayChanges([orderDoc({ id: 'o-1' }), orderDoc({ id: 'o-2' })], {
      orders: orders.sender,
      emails: emails.sender,
      reminderDelayMs: 3_600_000,
      now,
    });
    expect(result).toMatchObject({ events: 2, emailCommands: 4, invalid: 0 });
    const [first] = orders.sent.flat();
    expect(first).toMatchObject({
      messageId: 'o-1:1',
      subject: 'OrderCreated',
      correlationId: 'corr-1',
      contentType: 'application/json',
    });
    expect(first!.body).toMatchObject({
      schemaVersion: 1,
      id: 'o-1:1',
      type: 'OrderCreated',
      orderId: 'o-1',
      version: 1,
    });
    expect(JSON.stringify(first!.body)).not.toContain('Main St');
  });

  it('sends a confirmation and a reminder scheduled REMINDER_DELAY after creation, both valid commands', async () => {
    const emails = recordingSender();
    await relayChanges([orderDoc()], {
      orders: recordingSender().sender,
      emails: emails.sender,
      reminderDelayMs: 3_600_000,
      now,
    });
    const msgs = emails.sent.flat();
    expect(msgs.map((m) => m.messageId)).toEqual(['o-1:1:orderConfirmation', 'o-1:1:pendingOrderReminder']);
    expect(msgs[1]!.scheduledEnqueueTimeUtc).toEqual(new Date('2026-11-20T11:00:00.000Z'));
    for (const m of msgs) expect(emailCommand.safeParse(m.body).success).toBe(true);
  });

  it('sends no order mail to an address its owner has not verified (or of an order from before verification)', async () => {
    for (const customerEmailVerified of [false, undefined]) {
      const emails = recordingSender();
      const orders = recordingSender();
      await relayChanges([orderDoc({ customerEmailVerified })], {
        orders: orders.sender,
        emails: emails.sender,
        reminderDelayMs: 3_600_000,
        now,
      });
      expect(emails.sent.flat()).toEqual([]);
      expect(orders.sent.flat()).toHaveLength(1); // the event still goes to the consumers
    }
  });

  it('sends a status email command on a status change or cancellation, none on an edit', async () => {
    const emails = recordingSender();
    const later = () => new Date('2026-11-21T10:00:00.000Z'); // long after creation
    const at = '2026-11-20T11:00:00.000Z';
    const changed = {
      ...orderDoc({ version: 2, status: 'shipped' }),
      lastChange: { type: 'OrderStatusChanged' as const, at, by: 'admin' },
    };
    const edited = {
      ...orderDoc({ id: 'o-2', version: 2 }),
      lastChange: { type: 'OrderUpdated' as const, at, by: 'c-1' },
    };
    await relayChanges([changed, edited], {
      orders: recordingSender().sender,
      emails: emails.sender,
      reminderDelayMs: 0,
      now: later,
    });
    expect(emails.sent.flat().map((m) => [m.messageId, (m.body as { status?: string }).status])).toEqual([
      ['o-1:2:orderStatusChanged', 'shipped'],
    ]);
  });

  it('still sends the creation commands when the change feed folded the creation into a later version', async () => {
    const emails = recordingSender();
    const at = '2026-11-20T10:00:01.000Z';
    const confirmed = {
      ...orderDoc({ version: 2, status: 'confirmed' }),
      lastChange: { type: 'OrderStatusChanged' as const, at, by: 'admin' },
    };
    await relayChanges([confirmed], {
      orders: recordingSender().sender,
      emails: emails.sender,
      reminderDelayMs: 1000,
      now,
    });
    expect(emails.sent.flat().map((m) => m.messageId)).toEqual([
      'o-1:1:orderConfirmation',
      'o-1:1:pendingOrderReminder',
      'o-1:2:orderStatusChanged',
    ]);
  });

  it('skips and reports a document that is not an order, and still relays the rest', async () => {
    const orders = recordingSender();
    const invalid: InvalidOrderDocumentError[] = [];
    const result = await relayChanges([{ id: 'junk' }, orderDoc()], {
      orders: orders.sender,
      emails: recordingSender().sender,
      reminderDelayMs: 0,
      onInvalid: (e) => invalid.push(e),
    });
    expect(result.invalid).toBe(1);
    expect(invalid[0]!.message).toContain('junk');
    expect(orders.sent.flat()).toHaveLength(1);
  });

  it('fails the invocation when a send fails, so the batch is retried', async () => {
    await expect(
      relayChanges([orderDoc()], {
        orders: recordingSender(100, true).sender,
        emails: recordingSender().sender,
        reminderDelayMs: 0,
      }),
    ).rejects.toThrow('broker down');
  });
});

describe('sendInBatches', () => {
  it('spills into as many batches as needed, in order', async () => {
    const { sender, sent } = recordingSender(3);
    const messages = Array.from({ length: 7 }, (_, i) => ({ body: i, messageId: `m${i}` }));
    await expect(sendInBatches(sender, messages)).resolves.toBe(3);
    expect(sent.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(sent.flat().map((m) => m.body as number)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('refuses a message that fits in no batch', async () => {
    const { sender } = recordingSender();
    await expect(sendInBatches(sender, [{ body: 'x'.repeat(20_000), messageId: 'big' }])).rejects.toThrow(
      MessageTooLargeError,
    );
  });
});
