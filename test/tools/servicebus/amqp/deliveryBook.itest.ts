import { create_container, type Connection, type EventContext } from 'rhea';
import { join } from 'node:path';
import { startHarness, type Harness } from '../harness';

/**
 * What the SDK cannot show (see tools/servicebus/amqp/deliveryBook.ts): one delivery held unsettled must not pin
 * the broker's session slots behind it, and $cbs must answer far more than 2,048 token requests on one link.
 * A raw rhea client is used because the SDK's own rhea has the same head-only ring on its side (one unsettled
 * message stalls an SDK receiver after 2,047 more, against Azure too); this client's ring is made large enough to
 * take the whole run, so only the broker's side is under test.
 */
const CLIENT_RING = 65_536;

describe('Session delivery reclamation (raw AMQP)', () => {
  let h: Harness;
  let connection: Connection;
  beforeAll(async () => {
    h = await startHarness({ config: join(__dirname, '..', 'fixtures', 'Volume.json') });
    connection = create_container().connect({
      host: '127.0.0.1',
      port: h.emulator.port,
      session_buffer_size: CLIENT_RING,
    });
    await new Promise<void>((resolve) => connection.once('connection_open', () => resolve()));
  });
  afterAll(async () => {
    connection.close();
    await h.close();
  });

  it('keeps one message locked while 20,000 others flow past it on the same link', async () => {
    const others = 20_000;
    const sender = h.client.createSender('vol-held');
    let batch = await sender.createMessageBatch();
    for (let i = 0; i <= others; i++) {
      if (!batch.tryAddMessage({ body: i })) {
        await sender.sendMessages(batch);
        batch = await sender.createMessageBatch();
        batch.tryAddMessage({ body: i });
      }
    }
    await sender.sendMessages(batch);

    const receiver = connection.open_receiver({
      source: { address: 'vol-held' },
      credit_window: 500,
      autoaccept: false,
      rcv_settle_mode: 1,
    });
    let held: EventContext['delivery'];
    let settledByBroker = 0;
    const done = new Promise<void>((resolve, reject) => {
      let last = -1;
      // Bounded: no progress for 10 s means the link stalled.
      const watchdog = setInterval(() => {
        if (settledByBroker === last) {
          clearInterval(watchdog);
          reject(new Error(`stalled after ${settledByBroker} of ${others} settlements`));
        }
        last = settledByBroker;
      }, 10_000);
      receiver.on('message', (ctx: EventContext) => {
        if (!held) held = ctx.delivery;
        else ctx.delivery!.accept();
      });
      receiver.on('settled', () => {
        if (++settledByBroker === others) {
          clearInterval(watchdog);
          resolve();
        }
      });
    });
    await done;
    expect(held).toBeDefined();
    // The held message is still locked by this link: completing it now succeeds.
    const outcome = new Promise<string | undefined>((resolve) =>
      receiver.once('settled', (ctx: EventContext) =>
        resolve(
          (ctx.delivery!.remote_state as { constructor: { composite_type?: string } } | undefined)
            ?.constructor.composite_type,
        ),
      ),
    );
    held!.accept();
    // `accepted`, not `rejected` with message-lock-lost.
    expect(await outcome).toBe('accepted');
    receiver.close();
  });

  it('answers 20,480 $cbs token requests on one link pair', async () => {
    const total = 20_480;
    const replyTo = 'cbs-replies';
    const replies = connection.open_receiver({ source: { address: '$cbs' }, name: replyTo });
    const requests = connection.open_sender({ target: { address: '$cbs' } });
    await Promise.all([
      new Promise<void>((resolve) => replies.once('receiver_open', () => resolve())),
      new Promise<void>((resolve) => requests.once('sendable', () => resolve())),
    ]);
    let sent = 0;
    let answered = 0;
    await new Promise<void>((resolve, reject) => {
      let last = -1;
      const watchdog = setInterval(() => {
        if (answered === last) {
          clearInterval(watchdog);
          reject(new Error(`stalled after ${answered} of ${total} replies`));
        }
        last = answered;
      }, 10_000);
      const pump = (): void => {
        // At most 256 requests in flight, and never past the link's credit.
        while (sent < total && sent - answered < 256 && requests.sendable()) {
          requests.send({
            message_id: sent++,
            reply_to: replyTo,
            application_properties: {
              operation: 'put-token',
              name: `sb://127.0.0.1:${h.emulator.port}/vol-held`,
              type: 'servicebus.windows.net:sastoken',
            },
            body: 'SharedAccessSignature sr=x&sig=y&se=1&skn=k',
          });
        }
      };
      replies.on('message', (ctx: EventContext) => {
        const status = (ctx.message!.application_properties as Record<string, unknown>)['status-code'];
        if (status !== 202) {
          clearInterval(watchdog);
          reject(new Error(`reply ${answered} had status ${String(status)}`));
        }
        if (++answered === total) {
          clearInterval(watchdog);
          resolve();
        }
        pump();
      });
      requests.on('sendable', pump);
      pump();
    });
    expect(answered).toBe(total);
    requests.close();
    replies.close();
  });
});
