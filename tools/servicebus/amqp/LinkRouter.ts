import type { EventContext, Message, Receiver, Sender } from 'rhea';
import type { Broker } from '../broker/Broker';
import { brokerErrors, toWireError, type ServiceBusEmulatorError } from '../errors';
import type { Persistence } from '../persistence/Persistence';
import { amqpInt, amqpSymbol } from './amqpInt';
import { completeAttach, linkAddress } from './attachHelpers';
import { handleCbs } from './CbsHandler';
import { SESSION_DELIVERY_LIMIT } from './deliveryBook';
import { DeliveryLink } from './DeliveryLink';
import { attachIngress } from './IngressLink';
import type { ManagementHandler } from './ManagementHandler';
import { reply } from './replyTo';
import { internalsOf } from './rheaLink';
import { openSessionReceiver, SESSION_FILTER } from './sessionAttach';

const MANAGEMENT_SUFFIX = '/$management';

/** Decides what every new link is: $cbs, an entity's $management node, a sender into an entity, or a receiver. */
export class LinkRouter {
  readonly deliveryLinks = new Map<Sender, DeliveryLink>();

  constructor(
    private readonly broker: Broker,
    private readonly management: ManagementHandler,
    private readonly journal: Persistence,
  ) {}

  /** The client attached a receiver: we are the sender. */
  onSenderOpen(ctx: EventContext): void {
    const sender = ctx.sender!;
    const address = linkAddress(sender);
    if (address === '$cbs' || address.endsWith('$management')) {
      completeAttach(sender);
      return;
    }
    try {
      const queue = this.broker.receivable(address);
      const filter = (
        internalsOf(sender).remote.attach?.source as { filter?: Record<string, unknown> } | undefined
      )?.filter;
      if (filter && SESSION_FILTER in filter) {
        openSessionReceiver(sender, queue, filter[SESSION_FILTER], (link) =>
          this.deliveryLinks.set(sender, link),
        );
        return;
      }
      completeAttach(sender);
      const link = new DeliveryLink(sender, queue, undefined);
      this.deliveryLinks.set(sender, link);
      queue.addConsumer(link);
    } catch (err) {
      refuse(sender, toWireError(err));
    }
  }

  /** The client attached a sender: we are the receiver (messages, or requests to $cbs / $management). */
  onReceiverOpen(ctx: EventContext): void {
    const receiver = ctx.receiver!;
    const address = linkAddress(receiver);
    completeAttach(receiver);
    if (address === '$cbs') {
      receiver.on('message', (c: EventContext) => {
        c.delivery?.accept();
        if (!reply(c.connection, c.session!, c.message!, '$cbs', handleCbs(c.message!)))
          refuse(receiver, brokerErrors.repliesNotTaken(SESSION_DELIVERY_LIMIT));
      });
      return;
    }
    if (address.endsWith(MANAGEMENT_SUFFIX) || address === '$management') {
      const entity = address.slice(0, Math.max(0, address.length - MANAGEMENT_SUFFIX.length));
      if (!this.broker.exists(entity)) {
        refuse(receiver, this.broker.notFound(entity));
        return;
      }
      receiver.on('message', (c: EventContext) => this.onManagementRequest(c, entity, address));
      return;
    }
    if (address === '') {
      // A target without an address is a transaction coordinator (or a malformed attach): not supported.
      refuse(receiver, brokerErrors.notImplemented('A transaction (a link to the transaction coordinator)'));
      return;
    }
    try {
      attachIngress(receiver, this.broker, this.broker.sendable(address), this.journal);
    } catch (err) {
      refuse(receiver, toWireError(err));
    }
  }

  onSenderClose(sender: Sender): void {
    const link = this.deliveryLinks.get(sender);
    if (!link) return;
    this.deliveryLinks.delete(sender);
    link.close();
  }

  private onManagementRequest(c: EventContext, entity: string, node: string): void {
    const request = c.message as Message;
    c.delivery?.accept();
    const props = (request.application_properties ?? {}) as Record<string, unknown>;
    let response: Record<string, unknown>;
    try {
      const result = this.management.handle(
        entity,
        typeof props.operation === 'string' ? props.operation : '',
        (request.body ?? {}) as Record<string, unknown>,
      );
      response = {
        application_properties: { statusCode: amqpInt(result.statusCode), statusDescription: 'OK' },
        body: result.body,
      };
    } catch (err) {
      const wire = toWireError(err);
      response = {
        application_properties: {
          statusCode: amqpInt(wire.statusCode),
          statusDescription: wire.message,
          errorCondition: amqpSymbol(wire.condition),
        },
      };
    }
    const send = () => {
      if (!reply(c.connection, c.session!, request, node, response) && c.receiver!.is_open())
        refuse(c.receiver!, brokerErrors.repliesNotTaken(SESSION_DELIVERY_LIMIT));
    };
    // Management changes (dispositions, scheduling) are acknowledged once written, like sends.
    if (this.journal.durable) void this.journal.flush().then(send, send);
    else send();
  }
}

/** Refuses a link the way Azure does: attach (so the client sees the link), then detach with the error. */
export function refuse(link: Sender | Receiver, error: ServiceBusEmulatorError): void {
  completeAttach(link);
  link.close(error.toAmqpError());
}
