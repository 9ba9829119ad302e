import { receiveExactly, startHarness, type Harness } from '../harness';

describe('Service Bus emulator: runtime counts in one call', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('counts active, locked, scheduled, deferred and dead-lettered messages of a queue, and a topic', async () => {
    const sender = h.client.createSender('work');
    await sender.sendMessages([1, 2, 3, 4, 5, 6].map((body) => ({ body })));
    await sender.scheduleMessages({ body: 'later' }, new Date(Date.now() + 3_600_000));
    const r = h.client.createReceiver('work');
    const got = await receiveExactly(r, 4);
    await r.deferMessage(got[0]!);
    await r.deadLetterMessage(got[1]!);
    await r.completeMessage(got[2]!);
    // got[3] stays locked; two were never delivered.
    expect(h.emulator.runtimeCounts('work')).toMatchObject({
      active: 3,
      locked: 1,
      scheduled: 1,
      deferred: 1,
      deadLetter: 1,
      transfer: 0,
      transferDeadLetter: 0,
      total: 6,
    });
    await h.client.createSender('events').scheduleMessages({ body: 'x' }, new Date(Date.now() + 3_600_000));
    expect(h.emulator.runtimeCounts('events')).toMatchObject({ scheduled: 1 });
    expect(h.emulator.runtimeCounts('events').sizeInBytes).toBeGreaterThan(0);
    expect(() => h.emulator.runtimeCounts('nope')).toThrow(/could not be found/);
    await r.close();
  });
});
