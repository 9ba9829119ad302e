import type { EmailCommand } from '../../../shared/email/commands';
import type { OrderStatusDoc, SentEmailDoc } from '../../../shared/email/emailDocs';
import type { EmailTransport, OutgoingEmail } from '../../../shared/email/emailTransport';
import { EmailClaimBusyError } from '../../../shared/email/errors';
import { processEmailCommand, type EmailServiceInit } from '../../../shared/email/processEmailCommand';
import { MemoryDocStore } from '../analytics/memoryDocStore';

function setup(failTimes = 0) {
  const outbox: OutgoingEmail[] = [];
  let failures = failTimes;
  const transport: EmailTransport = {
    name: 'test',
    send: (email) => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('smtp down'));
      }
      outbox.push(email);
      return Promise.resolve({ providerMessageId: `p-${outbox.length}` });
    },
  };
  let clock = Date.parse('2026-11-21T10:00:00.000Z');
  const init: EmailServiceInit = {
    sent: new MemoryDocStore<SentEmailDoc>(),
    statuses: new MemoryDocStore<OrderStatusDoc>(),
    transport,
    from: 'no-reply@orderflow.local',
    appBaseUrl: 'http://localhost:7071/',
    now: () => new Date(clock),
  };
  return { init, outbox, advance: (ms: number) => (clock += ms) };
}

const base = { to: 'ann@example.com', createdAt: '2026-11-21T10:00:00.000Z' };
const reset: EmailCommand = {
  ...base,
  id: 'reset-1',
  type: 'passwordReset',
  token: 'tok_0123456789abcdef',
  expiresAt: '2026-11-21T11:00:00.000Z',
};
const reminder: EmailCommand = {
  ...base,
  id: 'o-1:1:pendingOrderReminder',
  type: 'pendingOrderReminder',
  orderId: 'o-1',
  orderCreatedAt: base.createdAt,
};
const status = (s: 'confirmed' | 'pending', version: number): EmailCommand => ({
  ...base,
  id: `o-1:${version}:orderStatusChanged`,
  type: 'orderStatusChanged',
  orderId: 'o-1',
  version,
  status: s,
});

describe('processEmailCommand', () => {
  it('sends a password reset with the link and the token', async () => {
    const { init, outbox } = setup();
    await expect(processEmailCommand(reset, init)).resolves.toBe('sent');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      id: 'reset-1',
      to: 'ann@example.com',
      from: 'no-reply@orderflow.local',
    });
    expect(outbox[0]!.text).toContain(
      'http://localhost:7071/api/account/reset-password#token=tok_0123456789abcdef',
    );
    // The claim is the record (one request per email): no `sent` write after the send.
    expect((await init.sent.read('reset-1'))?.doc).toMatchObject({ id: 'reset-1', state: 'sending' });
    expect(JSON.stringify((await init.sent.read('reset-1'))?.doc)).not.toContain('tok_');
  });

  it('sends one email when the same command is delivered again within the claim timeout', async () => {
    const { init, outbox, advance } = setup();
    await processEmailCommand(reset, init);
    advance(29_000);
    // Busy: the consumer re-schedules it; only a crash before completion makes the message come back at all.
    await expect(processEmailCommand(reset, init)).rejects.toThrow(EmailClaimBusyError);
    expect(outbox).toHaveLength(1);
  });

  it('sends again a command delivered after the claim timeout: the documented crash-window resend', async () => {
    const { init, outbox, advance } = setup();
    await processEmailCommand(reset, init);
    advance(31_000);
    await expect(processEmailCommand(reset, init)).resolves.toBe('sent');
    expect(outbox).toHaveLength(2);
  });

  it('does nothing for a command whose claim is final (a skipped reminder)', async () => {
    const { init, outbox, advance } = setup();
    await processEmailCommand(status('confirmed', 2), init);
    await expect(processEmailCommand(reminder, init)).resolves.toBe('skipped');
    advance(3_600_000);
    await expect(processEmailCommand(reminder, init)).resolves.toBe('duplicate');
    expect(outbox.map((m) => m.id)).toEqual(['o-1:2:orderStatusChanged']);
  });

  it('refuses to send while another delivery holds a fresh claim, and takes a stale one over', async () => {
    const { init, outbox, advance } = setup();
    await init.sent.create({
      id: 'reset-1',
      type: 'passwordReset',
      state: 'sending',
      claimedAt: '2026-11-21T10:00:00.000Z',
    });
    await expect(processEmailCommand(reset, init)).rejects.toThrow(EmailClaimBusyError);
    advance(31_000);
    await expect(processEmailCommand(reset, init)).resolves.toBe('sent');
    expect(outbox).toHaveLength(1);
  });

  it('releases the claim when the transport fails, so the retry sends', async () => {
    const { init, outbox } = setup(1);
    await expect(processEmailCommand(reset, init)).rejects.toThrow('smtp down');
    expect((await init.sent.read('reset-1'))?.doc.state).toBe('failed');
    await expect(processEmailCommand(reset, init)).resolves.toBe('sent');
    expect(outbox).toHaveLength(1);
  });

  it('sends the reminder of an order still pending', async () => {
    const { init, outbox } = setup();
    await expect(processEmailCommand(reminder, init)).resolves.toBe('sent');
    expect(outbox[0]!.subject).toBe('Your order #O1 is waiting');
  });

  it('skips the reminder of an order that was confirmed, whatever order the status commands came in', async () => {
    const { init, outbox } = setup();
    await processEmailCommand(status('confirmed', 2), init);
    await processEmailCommand(status('pending', 1), init); // older: must not bring the order back to pending
    expect((await init.statuses.read('o-1'))?.doc).toMatchObject({ status: 'confirmed', version: 2 });
    await expect(processEmailCommand(reminder, init)).resolves.toBe('skipped');
    expect(outbox.map((m) => m.id)).toEqual(['o-1:2:orderStatusChanged', 'o-1:1:orderStatusChanged']);
  });
});
