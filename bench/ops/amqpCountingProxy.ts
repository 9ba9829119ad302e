import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { addressOf, AmqpFrameReader, type AmqpFrame } from './amqpFrameReader';

export interface AmqpOp {
  /** Queue (or `$cbs`, `<queue>/$management`) the operation addressed. */
  address: string;
  /** send (client transfer), deliver (broker transfer), settle:<outcome> (client disposition). */
  op: string;
}

export interface AmqpCountingProxy {
  port: number;
  ops(): AmqpOp[];
  reset(): void;
  close(): Promise<void>;
}

const OUTCOMES: Record<string, string> = { 36: 'accepted', 37: 'rejected', 38: 'released', 39: 'modified' };

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
}

function outcomeOf(state: unknown): string {
  const d = (state as { descriptor?: { value?: unknown } } | undefined)?.descriptor?.value;
  return OUTCOMES[String(num(d) ?? d)] ?? 'none';
}

/** Per-connection bookkeeping: which link and which delivery an id refers to, in each direction. */
class ConnectionTap {
  private readonly links = new Map<string, string>();
  private readonly deliveries = new Map<string, string>();
  /** client channel -> broker channel, from the broker's begin (remote_channel). */
  private readonly brokerChannel = new Map<number, number>();
  readonly client = new AmqpFrameReader();
  readonly broker = new AmqpFrameReader();

  constructor(private readonly record: (op: AmqpOp) => void) {}

  fromClient(f: AmqpFrame): void {
    const p = f.performative;
    if (!p || f.type !== 0) return;
    if (f.name === 'attach') {
      // role false: the client sends to the target; true: it receives from the source.
      this.links.set(
        `c:${f.channel}:${num(p.handle)}`,
        (p.role ? addressOf(p.source) : addressOf(p.target)) ?? '?',
      );
    } else if (f.name === 'transfer' && p.delivery_id !== undefined && p.delivery_id !== null) {
      this.record({ address: this.links.get(`c:${f.channel}:${num(p.handle)}`) ?? '?', op: 'send' });
    } else if (f.name === 'disposition' && p.role === true) {
      const first = num(p.first) ?? 0;
      const last = num(p.last) ?? first;
      const channel = this.brokerChannel.get(f.channel);
      for (let id = first; id <= last; id++) {
        this.record({
          address: this.deliveries.get(`${channel}:${id}`) ?? '?',
          op: `settle:${outcomeOf(p.state)}`,
        });
      }
    }
  }

  fromBroker(f: AmqpFrame): void {
    const p = f.performative;
    if (!p || f.type !== 0) return;
    if (f.name === 'begin' && p.remote_channel !== undefined && p.remote_channel !== null) {
      this.brokerChannel.set(num(p.remote_channel) ?? 0, f.channel);
    } else if (f.name === 'attach') {
      // The broker's role is the mirror of the client's: as sender its source is the queue.
      this.links.set(
        `b:${f.channel}:${num(p.handle)}`,
        (p.role ? addressOf(p.target) : addressOf(p.source)) ?? '?',
      );
    } else if (f.name === 'transfer' && p.delivery_id !== undefined && p.delivery_id !== null) {
      const address = this.links.get(`b:${f.channel}:${num(p.handle)}`) ?? '?';
      this.deliveries.set(`${f.channel}:${num(p.delivery_id)}`, address);
      this.record({ address, op: 'deliver' });
    }
  }
}

/**
 * A TCP pass-through in front of the offline broker that decodes the AMQP frames going by (never changing a
 * byte) and records each message operation: sends, deliveries and settlements per queue, plus `$cbs` and
 * `$management` requests. The app's unchanged Service Bus SDK is measured; only its endpoint points here.
 */
export async function startAmqpCountingProxy(target: { port: number }): Promise<AmqpCountingProxy> {
  let log: AmqpOp[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: target.port });
    sockets.add(client).add(upstream);
    const tap = new ConnectionTap((op) => log.push(op));
    client.on('data', (chunk: Buffer) => {
      tap.client.push(chunk, (f) => tap.fromClient(f));
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      tap.broker.push(chunk, (f) => tap.fromBroker(f));
      client.write(chunk);
    });
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    ops: () => [...log],
    reset: () => {
      log = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
