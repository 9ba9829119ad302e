import type { Server } from 'node:net';
import { create_container, type Connection, type EventContext, type Receiver, type Sender } from 'rhea';
import { enableCbsSasl } from './cbsSaslMechanism';
import { reclaimSettledDeliveries } from './deliveryBook';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS, handshakeDeadline } from './handshakeDeadline';
import type { LinkRouter } from './LinkRouter';

/**
 * The rhea container in server mode. Links are neither auto-accepted nor auto-settled: the broker decides every
 * outcome. `treat_modified_as_released: false` keeps abandon and defer apart (both arrive as `modified`).
 */
export class AmqpServer {
  private server: Server | undefined;
  private readonly connections = new Set<Connection>();

  constructor(
    private readonly router: LinkRouter,
    private readonly handshakeTimeoutMs = DEFAULT_HANDSHAKE_TIMEOUT_MS,
  ) {}

  listen(port: number, host: string): Promise<number> {
    const container = create_container({ id: 'orderflow-servicebus-emulator' });
    (container.sasl_server_mechanisms as unknown as { enable_anonymous(): void }).enable_anonymous();
    enableCbsSasl(container.sasl_server_mechanisms);
    // Before any transfer on the session: deliveries are forgotten once settled, wherever they sit (deliveryBook).
    container.on('session_open', (ctx: EventContext) => reclaimSettledDeliveries(ctx.session!));
    container.on('sender_open', (ctx: EventContext) => this.router.onSenderOpen(ctx));
    container.on('receiver_open', (ctx: EventContext) => this.router.onReceiverOpen(ctx));
    container.on('sender_close', (ctx: EventContext) => this.router.onSenderClose(ctx.sender!));
    const deadline = handshakeDeadline(this.handshakeTimeoutMs);
    container.on('connection_open', (ctx: EventContext) => {
      deadline.opened(ctx.connection);
      this.connections.add(ctx.connection);
    });
    const dropped = (ctx: EventContext) => {
      this.connections.delete(ctx.connection);
      ctx.connection.each_link((link: Sender) => {
        if (link.is_sender()) this.router.onSenderClose(link);
      });
    };
    container.on('connection_close', dropped);
    // A client may end a session without detaching its links: they are gone all the same, and a receiver left
    // registered would keep taking (and locking) messages nobody can receive.
    container.on('session_close', (ctx: EventContext) =>
      ctx.session!.each_link(
        (link: Sender | Receiver) => this.router.onSenderClose(link as Sender),
        (link: Sender | Receiver) => link.is_sender(),
      ),
    );
    container.on('disconnected', dropped);
    // Errors a client causes (abrupt disconnects, protocol errors) must never take the broker down.
    container.on('error', () => undefined);
    container.on('connection_error', () => undefined);
    // Garbage instead of the AMQP header: rhea ends that socket; without a listener it would also log each one.
    container.on('protocol_error', () => undefined);
    container.on('session_error', () => undefined);
    container.on('sender_error', () => undefined);
    container.on('receiver_error', () => undefined);
    const server = container.listen({
      port,
      host,
      autoaccept: false,
      autosettle: false,
      treat_modified_as_released: false,
      // rhea leaves Nagle on for accepted sockets: transfers after the first of a burst then wait for the client's
      // (delayed) ACK, which a prefetch-0 .NET receiver sends only after its 20 ms batch wait ended, and it
      // releases every late transfer. Azure answers a flow with the burst at once.
      tcp_no_delay: true,
    } as Parameters<typeof container.listen>[0]);
    this.server = server;
    deadline.watch(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    for (const c of this.connections) {
      try {
        c.close();
        (c as unknown as { socket?: { destroy(): void } }).socket?.destroy();
      } catch {
        // The socket may already be gone.
      }
    }
    this.connections.clear();
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
