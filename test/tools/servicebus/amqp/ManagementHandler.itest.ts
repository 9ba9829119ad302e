import { create_container, type Connection, type EventContext, type Message } from 'rhea';
import { receiveExactly, startHarness, type Harness } from '../harness';

/**
 * `com.microsoft:batch-delete-messages` (deleteMessages / purgeMessages in @azure/service-bus 7.10 betas; the
 * installed 7.9.5 has no such method), driven with rhea in the newer SDK's wire format: body `message-count`
 * (int), optional `enqueued-time-utc` (timestamp) and `session-id`; reply 200 `{message-count}` or 204 for none.
 */
describe('ManagementHandler: batch delete (raw AMQP)', () => {
  let h: Harness;
  let connection: Connection;
  beforeAll(async () => {
    h = await startHarness();
    connection = create_container().connect({ host: '127.0.0.1', port: h.emulator.port });
    await new Promise<void>((resolve) => connection.once('connection_open', () => resolve()));
  });
  afterAll(async () => {
    connection.close();
    await h.close();
  });

  async function batchDelete(
    entity: string,
    body: Record<string, unknown>,
  ): Promise<{ status: unknown; count: unknown }> {
    const node = `${entity}/$management`;
    const replyTo = `replies-${Math.random()}`;
    const replies = connection.open_receiver({ source: { address: node }, name: replyTo });
    const requests = connection.open_sender({ target: { address: node } });
    await new Promise<void>((resolve) => requests.once('sendable', () => resolve()));
    const answer = new Promise<Message>((resolve) =>
      replies.once('message', (ctx: EventContext) => resolve(ctx.message!)),
    );
    requests.send({
      message_id: 'req-1',
      reply_to: replyTo,
      application_properties: { operation: 'com.microsoft:batch-delete-messages' },
      body,
    });
    const reply = await answer;
    requests.close();
    replies.close();
    return {
      status: (reply.application_properties as Record<string, unknown>).statusCode,
      count: (reply.body as Record<string, unknown> | undefined)?.['message-count'],
    };
  }

  it('deletes up to message-count unlocked messages, oldest first, skipping locked ones', async () => {
    await h.client.createSender('competing').sendMessages(Array.from({ length: 5 }, (_, i) => ({ body: i })));
    const receiver = h.client.createReceiver('competing');
    const [locked] = await receiveExactly(receiver, 1);
    expect(locked!.body).toBe(0);
    // A cutoff before every message deletes nothing.
    expect(await batchDelete('competing', { 'message-count': 10, 'enqueued-time-utc': new Date(0) })).toEqual(
      {
        status: 204,
        count: undefined,
      },
    );
    expect(await batchDelete('competing', { 'message-count': 3 })).toEqual({ status: 200, count: 3 });
    const left = await receiver.peekMessages(10);
    expect(left.map((m) => m.body as number)).toEqual([0, 4]);
    expect(await batchDelete('competing', { 'message-count': 100, 'enqueued-time-utc': new Date() })).toEqual(
      {
        status: 200,
        count: 1,
      },
    );
    expect(await batchDelete('competing', { 'message-count': 100 })).toEqual({
      status: 204,
      count: undefined,
    });
    // The locked message survived and its holder can still complete it.
    await receiver.completeMessage(locked!);
    expect(await receiver.peekMessages(10)).toHaveLength(0);
    await receiver.close();
  });

  it('refuses a message-count outside 1..2147483647', async () => {
    expect((await batchDelete('competing', { 'message-count': 0 })).status).toBe(400);
  });
});
