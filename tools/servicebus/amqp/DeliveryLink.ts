import type { EventContext, Sender } from 'rhea';
import type { Consumer } from '../broker/Consumer';
import type { MessageQueue } from '../broker/MessageQueue';
import { abandon, complete, deadLetterLocked, defer, releaseUnattempted } from '../broker/settlement';
import type { StoredMessage } from '../broker/StoredMessage';
import { brokerErrors, toWireError } from '../errors';
import { encodeDelivery } from './encodeDelivery';
import { deliveryTagToLockToken, lockTokenToDeliveryTag } from './lockToken';
import { acceptedOutcome, rejectedOutcome } from './rheaCodec';
import { answerDrainAlways, internalsOf, unsentDeliveries } from './rheaLink';

/**
 * A client's receiver link: spends its credit on the entity's messages and turns the client's outcomes into
 * settlement. The broker always answers an outcome by settling with `accepted` (success) or `rejected` carrying the
 * error, which is what the SDK waits for in peekLock mode.
 */
export class DeliveryLink implements Consumer {
  readonly receiveAndDelete: boolean;
  private closed = false;
  private delivered = 0;

  constructor(
    private readonly sender: Sender,
    private readonly queue: MessageQueue,
    public sessionId: string | undefined,
  ) {
    this.receiveAndDelete = internalsOf(sender).remote.attach?.snd_settle_mode === 1;
    answerDrainAlways(sender);
    sender.on('accepted', (ctx: EventContext) =>
      this.settle(ctx, () => complete(queue, this.token(ctx), this)),
    );
    sender.on('released', (ctx: EventContext) =>
      this.settle(ctx, () => releaseUnattempted(queue, this.token(ctx), this)),
    );
    sender.on('modified', (ctx: EventContext) => {
      const state = ctx.delivery?.remote_state as
        { undeliverable_here?: boolean; message_annotations?: Record<string, unknown> } | undefined;
      const props = state?.message_annotations;
      this.settle(ctx, () =>
        state?.undeliverable_here
          ? defer(queue, this.token(ctx), props, this)
          : abandon(queue, this.token(ctx), props, this),
      );
    });
    sender.on('rejected', (ctx: EventContext) => {
      const error = (
        ctx.delivery?.remote_state as
          { error?: { condition?: string; info?: Record<string, unknown> } } | undefined
      )?.error;
      const info = error?.info ?? {};
      const reason = typeof info.DeadLetterReason === 'string' ? info.DeadLetterReason : undefined;
      const description =
        typeof info.DeadLetterErrorDescription === 'string' ? info.DeadLetterErrorDescription : undefined;
      const props = Object.fromEntries(
        Object.entries(info).filter(([k]) => k !== 'DeadLetterReason' && k !== 'DeadLetterErrorDescription'),
      );
      this.settle(ctx, () => deadLetterLocked(queue, this.token(ctx), reason, description, props, this));
    });
    sender.on('sendable', () => queue.schedulePump());
    sender.on('sender_flow', () => queue.schedulePump());
    sender.on('sender_draining', () => {
      // Deliver what is available now, then tell the client there is nothing more (otherwise it waits for more).
      queue.pump();
      sender.set_drained(true);
    });
  }

  /**
   * Credit left after what is already queued: rhea decrements link credit only when it writes the transfer, so
   * deliveries queued in this tick are subtracted here, or a burst would overrun the client's credit.
   */
  credit(): number {
    if (this.closed || !this.sender.sendable()) return 0;
    return internalsOf(this.sender).credit - unsentDeliveries(this.sender);
  }

  deliver(m: StoredMessage): void {
    const payload = encodeDelivery(m, { locked: !this.receiveAndDelete });
    // receiveAndDelete deliveries get a 16-byte tag too: the SDK reads every tag as a GUID.
    const tag = m.lockToken ? lockTokenToDeliveryTag(m.lockToken) : unlockedTag(this.delivered++);
    this.sender.send(payload, tag, 0);
  }

  sessionLost(sessionId: string): void {
    this.close(brokerErrors.sessionLockLost(sessionId).toAmqpError());
  }

  close(error?: { condition: string; description: string }): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.removeConsumer(this);
    if (error && this.sender.is_open()) this.sender.close(error);
  }

  private token(ctx: EventContext): string {
    const tag = ctx.delivery?.tag as Buffer | undefined;
    if (!tag || tag.length !== 16)
      throw brokerErrors.notAllowed('This delivery carries no lock token (receiveAndDelete?).');
    return deliveryTagToLockToken(tag);
  }

  private settle(ctx: EventContext, action: () => void): void {
    const delivery = ctx.delivery;
    if (!delivery || this.receiveAndDelete) return;
    try {
      action();
      delivery.update(true, acceptedOutcome());
    } catch (err) {
      delivery.update(true, rejectedOutcome(toWireError(err).toAmqpError()));
    }
  }
}

function unlockedTag(n: number): Buffer {
  const tag = Buffer.alloc(16);
  tag.writeUInt32BE(n >>> 0, 12);
  return tag;
}
