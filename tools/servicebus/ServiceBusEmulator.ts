import { AdminServer } from './admin/AdminServer';
import { AtomApi } from './admin/AtomApi';
import { DefinitionStore } from './admin/DefinitionStore';
import { NamespaceAdmin } from './admin/NamespaceAdmin';
import { NamespaceDefinitions } from './admin/NamespaceDefinitions';
import { handleRuleOperation } from './admin/ruleManagement';
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
  /** Port of the ATOM administration API (plain HTTP); undefined = off. */
  adminPort?: number | undefined;
  /** Time from TCP connect to the client's AMQP open before the socket is closed. Default 30 s. */
  handshakeTimeoutMs?: number;
  /** How often locks, TTLs and schedules are checked. Default 100 ms. */
  tickMs?: number;
}

/** Wires broker, persistence, AMQP server and visibility endpoint; refuses to start twice. */
export class ServiceBusEmulator {
  private state: 'new' | 'starting' | 'started' | 'closed' = 'new';
  private timer: NodeJS.Timeout | undefined;
  private amqp: AmqpServer | undefined;
  private http: VisibilityServer | undefined;
  private adminServer: AdminServer | undefined;
  private journal: Persistence | undefined;
  broker: Broker | undefined;
  admin: NamespaceAdmin | undefined;
  port = 0;
  httpPort: number | undefined;
  adminPort: number | undefined;

  constructor(private readonly init: ServiceBusEmulatorInit) {}

  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`The Service Bus emulator cannot start: it is ${this.state}.`);
    this.state = 'starting';
    const journal = this.init.dataDir ? new FileLogPersistence(this.init.dataDir) : new MemoryPersistence();
    this.journal = journal;
    // Entities created, changed or deleted at run time (administration API, rule manager) override the files.
    const store = this.init.dataDir ? new DefinitionStore(this.init.dataDir) : undefined;
    const definitions = new NamespaceDefinitions(this.init.namespace, store?.load());
    const broker = new Broker(definitions.toNamespaceConfig(), journal);
    restoreEntities(broker, await journal.load());
    this.broker = broker;
    const admin = new NamespaceAdmin(broker, definitions, store, journal);
    this.admin = admin;
    const rules = (path: string, op: string, body: Record<string, unknown>) =>
      handleRuleOperation(admin, path, op, body);
    this.amqp = new AmqpServer(
      new LinkRouter(broker, new ManagementHandler(broker, rules), journal),
      this.init.handshakeTimeoutMs,
    );
    this.port = await this.amqp.listen(this.init.port, this.init.host);
    broker.endpoint = `sb://${this.init.host}:${this.port}`;
    if (this.init.httpPort !== undefined) {
      this.http = new VisibilityServer(broker);
      this.httpPort = await this.http.listen(this.init.httpPort, this.init.host);
    }
    if (this.init.adminPort !== undefined) {
      this.adminServer = new AdminServer(new AtomApi(admin));
      this.adminPort = await this.adminServer.listen(this.init.adminPort, this.init.host);
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
    await this.adminServer?.close();
    await this.journal?.flush();
    await this.journal?.close();
  }
}
