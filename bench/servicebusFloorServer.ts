import { create_container, message, type EventContext, type Message, type Sender } from 'rhea';
import { acceptedOutcome } from '../tools/servicebus/amqp/rheaCodec';
import { answerDrainAlways } from '../tools/servicebus/amqp/rheaLink';

/**
 * The floor for the Service Bus bench: a bare rhea pass-through. It does only what the unmodified SDK needs to
 * talk at all (answer $cbs, echo attaches with a size limit) and moves raw transfers from senders to receivers
 * through an array: no sequence numbers, locks, annotations, TTL, persistence or management. Whatever the
 * emulator costs beyond this is Service Bus logic. Run as its own process: prints `listening <port>`.
 */
const queue: Buffer[] = [];
const receivers: Sender[] = [];

interface LinkInternals {
  remote: { attach?: Record<string, unknown> };
  local: { attach: Record<string, unknown> };
  credit: number;
  session: { outgoing: { next_pending_delivery: number; next_delivery_id: number } };
}
const int = (l: unknown): LinkInternals => l as LinkInternals;

function echo(link: Sender | EventContext['receiver']): void {
  const i = int(link);
  const remote = i.remote.attach ?? {};
  if (remote.source) link!.set_source(remote.source as Parameters<Sender['set_source']>[0]);
  if (remote.target) link!.set_target(remote.target as Parameters<Sender['set_target']>[0]);
  i.local.attach.rcv_settle_mode = remote.rcv_settle_mode;
  i.local.attach.snd_settle_mode = remote.snd_settle_mode;
  i.local.attach.max_message_size = 256 * 1024;
}

function pump(): void {
  for (const s of receivers) {
    const i = int(s);
    let credit = i.credit - (i.session.outgoing.next_delivery_id - i.session.outgoing.next_pending_delivery);
    while (credit-- > 0 && queue.length > 0 && s.sendable()) s.send(queue.shift()!, undefined, 0);
  }
}

const container = create_container({ id: 'floor' });
(container.sasl_server_mechanisms as unknown as { enable_anonymous(): void }).enable_anonymous();
container.on('sender_open', (ctx: EventContext) => {
  echo(ctx.sender);
  const address = (int(ctx.sender).remote.attach?.source as { address?: string } | undefined)?.address ?? '';
  if (address === '$cbs' || address.endsWith('$management')) return;
  receivers.push(ctx.sender!);
  answerDrainAlways(ctx.sender!);
  ctx.sender!.on('sendable', pump);
  ctx.sender!.on('accepted', (c: EventContext) => c.delivery!.update(true, acceptedOutcome()));
  ctx.sender!.on('sender_draining', (c: EventContext) => {
    pump();
    c.sender!.set_drained(true);
  });
});
container.on('sender_close', (ctx: EventContext) => receivers.splice(receivers.indexOf(ctx.sender!), 1));
container.on('receiver_open', (ctx: EventContext) => {
  echo(ctx.receiver);
  const address =
    (int(ctx.receiver).remote.attach?.target as { address?: string } | undefined)?.address ?? '';
  ctx.receiver!.on('message', (c: EventContext) => {
    c.delivery!.accept();
    if (address === '$cbs') {
      const reply = c.connection.find_sender((s: Sender) => s.name === c.message!.reply_to);
      reply?.send({
        correlation_id: c.message!.message_id,
        application_properties: { 'status-code': 202 },
      } as unknown as Message);
      return;
    }
    // A batch envelope's data sections are the encoded messages: each becomes one delivery, passed on untouched.
    if (Buffer.isBuffer(c.message)) {
      const body = (
        message.decode(c.message) as { body?: { content?: Buffer | Buffer[]; multiple?: boolean } }
      ).body;
      const content = body?.content;
      if (Array.isArray(content)) queue.push(...content);
      else if (content) queue.push(content);
    } else {
      queue.push(message.encode(c.message));
    }
    pump();
  });
});
container.on('error', () => undefined);
const server = container.listen({
  port: 0,
  host: '127.0.0.1',
  autoaccept: false,
  autosettle: false,
  treat_modified_as_released: false,
} as Parameters<typeof container.listen>[0]);
server.on('listening', () => {
  const a = server.address();
  process.stdout.write(`listening ${typeof a === 'object' && a ? a.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));
