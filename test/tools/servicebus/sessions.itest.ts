import { ServiceBusClient } from '@azure/service-bus';
import { receiveExactly, startHarness, type Harness } from './harness';

describe('Service Bus emulator: sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('accepts a named session and the next available one, delivering each session in order', async () => {
    const sender = h.client.createSender('sessions');
    await sender.sendMessages([
      { body: 'a1', sessionId: 'A' },
      { body: 'b1', sessionId: 'B' },
      { body: 'a2', sessionId: 'A' },
    ]);
    const a = await h.client.acceptSession('sessions', 'A');
    expect(a.sessionId).toBe('A');
    expect(a.sessionLockedUntilUtc.getTime()).toBeGreaterThan(Date.now() + 20_000);
    const fromA = await receiveExactly(a, 2);
    expect(fromA.map((m) => [m.body as unknown, m.sessionId])).toEqual([
      ['a1', 'A'],
      ['a2', 'A'],
    ]);
    for (const m of fromA) await a.completeMessage(m);
    const next = await h.client.acceptNextSession('sessions');
    expect(next.sessionId).toBe('B');
    const [b] = await receiveExactly(next, 1);
    expect(b!.body).toBe('b1');
    await next.completeMessage(b!);
    await a.close();
    await next.close();
  });

  it('refuses a session locked by another receiver with SessionCannotBeLocked', async () => {
    const holder = await h.client.acceptSession('sessions', 'held');
    await expect(h.client.acceptSession('sessions', 'held')).rejects.toMatchObject({
      code: 'SessionCannotBeLocked',
    });
    await holder.close();
    const again = await h.client.acceptSession('sessions', 'held');
    await again.close();
  });

  it('holds acceptNextSession until a session gets a message', async () => {
    const accepting = h.client.acceptNextSession('sessions');
    await new Promise((r) => setTimeout(r, 300));
    await h.client.createSender('sessions').sendMessages({ body: 'late', sessionId: 'late-session' });
    const r = await accepting;
    expect(r.sessionId).toBe('late-session');
    const [m] = await receiveExactly(r, 1);
    await r.completeMessage(m!);
    await r.close();
  });

  it('fails acceptNextSession with ServiceTimeout when no session gets a message in time', async () => {
    const client = new ServiceBusClient(h.emulator.connectionString, {
      retryOptions: { maxRetries: 0, timeoutInMs: 1500 },
    });
    const started = Date.now();
    await expect(client.acceptNextSession('sessions')).rejects.toMatchObject({ code: 'ServiceTimeout' });
    expect(Date.now() - started).toBeGreaterThan(1000);
    await client.close();
  });

  it('gets and sets session state and renews the session lock', async () => {
    const r = await h.client.acceptSession('sessions', 'stateful', { maxAutoLockRenewalDurationInMs: 0 });
    expect(await r.getSessionState()).toBeUndefined();
    await r.setSessionState({ step: 2 });
    expect(await r.getSessionState()).toEqual({ step: 2 });
    const before = r.sessionLockedUntilUtc.getTime();
    await new Promise((res) => setTimeout(res, 20));
    await r.renewSessionLock();
    expect(r.sessionLockedUntilUtc.getTime()).toBeGreaterThan(before);
    await r.close();
    const later = await h.client.acceptSession('sessions', 'stateful');
    expect(await later.getSessionState()).toEqual({ step: 2 });
    await later.close();
  });

  it('rejects a message without sessionId on a session queue', async () => {
    await expect(h.client.createSender('sessions').sendMessages({ body: 'no session' })).rejects.toThrow(
      /requires sessions/,
    );
  });

  it('lets the session lock govern its messages: when it expires, settling fails with SessionLockLost and the messages return', async () => {
    await h.client.createSender('shortsessions').sendMessages({ body: 's1', sessionId: 'S' });
    const r = await h.client.acceptSession('shortsessions', 'S', { maxAutoLockRenewalDurationInMs: 0 });
    const [m] = await receiveExactly(r, 1);
    expect(m!.lockedUntilUtc!.getTime()).toBe(r.sessionLockedUntilUtc.getTime());
    await new Promise((res) => setTimeout(res, 1500));
    await expect(r.completeMessage(m!)).rejects.toMatchObject({ code: 'SessionLockLost' });
    await expect(r.renewSessionLock()).rejects.toMatchObject({ code: 'SessionLockLost' });
    await r.close().catch(() => undefined);
    const again = await h.client.acceptSession('shortsessions', 'S', { maxAutoLockRenewalDurationInMs: 0 });
    const [m2] = await receiveExactly(again, 1);
    expect(m2).toMatchObject({ body: 's1', deliveryCount: 1 });
    await again.completeMessage(m2!);
    await again.close();
  });

  it('peeks a session and receives deferred session messages by sequence number', async () => {
    await h.client.createSender('sessions').sendMessages([{ body: 'd1', sessionId: 'D' }]);
    const r = await h.client.acceptSession('sessions', 'D');
    const peeked = await r.peekMessages(5);
    expect(peeked.map((p) => p.body as unknown)).toEqual(['d1']);
    const [m] = await receiveExactly(r, 1);
    await r.deferMessage(m!);
    const [d] = await r.receiveDeferredMessages([m!.sequenceNumber!]);
    expect(d).toMatchObject({ body: 'd1', sessionId: 'D' });
    await r.completeMessage(d!);
    await r.close();
  });
});
