import type { ServiceBusMessage, ServiceBusSender } from '@azure/service-bus';
import { toListItem, type DeadLetterAlertDoc } from '../../../shared/alerts/deadLetterDocs';
import { deadLetterFromTrigger } from '../../../shared/alerts/deadLetterFromTrigger';
import { alertIdFor, recordDeadLetter } from '../../../shared/alerts/recordDeadLetter';
import { REDACTED } from '../../../shared/alerts/redactSecrets';
import { replayDeadLetter } from '../../../shared/alerts/replayDeadLetter';
import type { DeadLetterAlertCommand } from '../../../shared/email/commands';
import { MemoryDocStore } from '../analytics/memoryDocStore';

const TOKEN = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const resetCommand = {
  id: 'reset:abc',
  type: 'passwordReset',
  to: 'victim@shop.test',
  createdAt: '2026-11-21T10:00:00.000Z',
  token: TOKEN,
  expiresAt: '2026-11-21T11:00:00.000Z',
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

describe('dead letters of queues other than orders', () => {
  it('prefix the queue to the alert id (sequence numbers are per queue); orders ids keep their form', () => {
    const m = { messageId: 'm', sequenceNumber: '7' };
    expect(alertIdFor({ queue: 'orders', ...m })).toBe('m~7');
    expect(alertIdFor({ queue: 'emails', ...m })).toBe('emails~m~7');
  });

  it('store the whole reset command (for the replay) but list it with the token redacted', async () => {
    const { store, commands, init } = setup();
    const meta = {
      messageId: 'reset:abc',
      sequenceNumber: 3,
      subject: 'passwordReset',
      applicationProperties: { note: `link ?token=${TOKEN}` },
      deadLetterErrorDescription: `could not send token=${TOKEN}`,
    };
    const { alert, emailed } = await recordDeadLetter(
      deadLetterFromTrigger('emails', resetCommand, meta),
      init,
    );
    expect(emailed).toBe(true);
    expect((await store.read(alert.id))?.doc.body).toEqual(resetCommand);
    const listed = toListItem(alert);
    expect(listed).toMatchObject({ queue: 'emails', body: { ...resetCommand, token: REDACTED } });
    expect(JSON.stringify(listed)).not.toContain(TOKEN);
    expect(JSON.stringify(commands)).not.toContain(TOKEN);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ queue: 'emails', alertId: 'emails~reset:abc~3' });
  });

  it('redact a token in a text or binary body too', () => {
    const base = { id: 'x', queue: 'emails', messageId: 'x', receivedAt: '2026-11-21T10:00:00.000Z' };
    const doc = (body: unknown, bodyEncoding: DeadLetterAlertDoc['bodyEncoding']): DeadLetterAlertDoc => ({
      ...base,
      body,
      bodyEncoding,
      applicationProperties: {},
      replays: [],
    });
    const json = JSON.stringify(resetCommand);
    expect(toListItem(doc(json, 'text')).body).not.toContain(TOKEN);
    expect(toListItem(doc(Buffer.from(json).toString('base64'), 'base64')).body).toBe(REDACTED);
    const plain = Buffer.from('an opaque payload').toString('base64');
    expect(toListItem(doc(plain, 'base64')).body).toBe(plain);
  });

  it('do not mail an alert about a dead-lettered alert mail (no loop while mail is down)', async () => {
    const { store, commands, init } = setup();
    const alertMail = { id: 'alert:m~1', type: 'deadLetterAlert', to: 'ops@orderflow.local' };
    const meta = { messageId: 'alert:m~1', sequenceNumber: 9, subject: 'deadLetterAlert' };
    const { emailed, created } = await recordDeadLetter(
      deadLetterFromTrigger('emails', alertMail, meta),
      init,
    );
    expect({ emailed, created }).toEqual({ emailed: false, created: true });
    expect(commands).toEqual([]);
    expect(store.all()).toHaveLength(1);
  });

  it('replay to the queue they were dead-lettered from, with the original token', async () => {
    const { store, init } = setup();
    const { alert } = await recordDeadLetter(
      deadLetterFromTrigger('emails', resetCommand, { messageId: 'reset:abc', sequenceNumber: 3 }),
      init,
    );
    const sent: Array<{ queue: string; message: ServiceBusMessage }> = [];
    const senderFor = (queue: string) =>
      Promise.resolve({
        sendMessages: (message: ServiceBusMessage) => (sent.push({ queue, message }), Promise.resolve()),
      } as unknown as ServiceBusSender);
    await replayDeadLetter(alert.id, 'admin@orderflow.local', { store, senderFor });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ queue: 'emails', message: { messageId: 'reset:abc:replay-1' } });
    expect(sent[0]!.message.body).toEqual(resetCommand);
  });
});
