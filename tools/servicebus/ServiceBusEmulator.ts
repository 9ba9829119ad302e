import { AmqpServer } from './amqp/AmqpServer';
import { LinkRouter } from './amqp/LinkRouter';
import { ManagementHandler } from './amqp/ManagementHandler';
import { Broker } from './broker/Broker';
import { restoreEntities } from './broker/restoreEntities';
import { snapshotBroker } from './broker/snapshotBroker';
import { ensureError } from './errors';
import type { NamespaceConfig } from './config/NamespaceConfig';
import { FileLogPersistence } from './persistence/FileLogPersistence';
import { MemoryPersistence } from './persistence/MemoryPersistence';
import type { Persistence } from './persistence/Persistence';
import { VisibilityServer } from './http/VisibilityServer';

export interface ServiceBusEmulatorInit {
  namespace: NamespaceConfig;
  port: number;
  host: string;
  dataDir: string | undefined;
  httpPort: number | undefined;
  /** How often locks, TTLs and schedules are checked. Default 100 ms. */
  tickMs?: number;
}

/** Wires broker, persistence, AMQP server and visibility endpoint; refuses to start twice. */
export class ServiceBusEmulator {
  private state: 'new' | 'starting' | 'started' | 'closed' = 'new';
  private timer: NodeJS.Timeout | undefined;
  private amqp: AmqpServer | undefined;
  private http: VisibilityServer | undefined;
  private journal: Persistence | undefined;
  broker: Broker | undefined;
  port = 0;
  httpPort: number | undefined;

  constructor(private readonly init: ServiceBusEmulatorInit) {}

  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`The Service Bus emulator cannot start: it is ${this.state}.`);
    this.state = 'starting';
    const journal = this.init.dataDir ? new FileLogPersistence(this.init.dataDir) : new MemoryPersistence();
    this.journal = journal;
    const broker = new Broker(this.init.namespace, journal);
    restoreEntities(broker, await journal.load());
    this.broker = broker;
    this.amqp = new AmqpServer(new LinkRouter(broker, new ManagementHandler(broker), journal));
    this.port = await this.amqp.listen(this.init.port, this.init.host);
    broker.endpoint = `sb://${this.init.host}:${this.port}`;
    if (this.init.httpPort !== undefined) {
      this.http = new VisibilityServer(broker);
      this.httpPort = await this.http.listen(this.init.httpPort, this.init.host);
    }
    this.timer = setInterval(() => {
      broker.tick();
      if (journal instanceof FileLogPersistence && journal.wantsCompaction) {
        journal
          .compactNow(() => snapshotBroker(broker))
          .catch((err: unknown) => {
            process.stderr.write(`servicebus: log compaction failed: ${ensureError(err).message}\n`);
          });
      }
    }, this.init.tickMs ?? 100);
    this.timer.unref();
    this.state = 'started';
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    if (this.timer) clearInterval(this.timer);
    await this.amqp?.close();
    await this.http?.close();
    await this.journal?.flush();
    await this.journal?.close();
  }
}
