import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { DataDirStore } from './dataDir';
import { CosmosEmulatorError, ensureError, portInUse } from './errors';
import { installLinearQueryEngine } from './linearQueryEngine';
import { installPartitionKeys } from './partitionKeys';
import { readJsonBody } from './readJsonBody';
import { createRequestHandler } from './requestHandler';
import { installStoreHooks, registerAccount } from './storeHooks';
import { applyTopology, readCosmosTopology } from './topology';
import { vercelInternals, type AccountNode } from './vercelInternals';

/** The Cosmos DB emulator's published key: fine to use locally, never valid in Azure. */
export const EMULATOR_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface CosmosEmulatorOptions {
  /** TCP port. Default 8081; 0 = an ephemeral port (tests). */
  port?: number;
  /** Topology file whose `cosmos.databases` are created at start. Default `infra/topology.json`. */
  topology?: string;
  /** Folder that keeps the data across restarts. Default: none (in memory only). */
  dataDir?: string;
  /** Interface to listen on. Default `127.0.0.1` (not reachable from other machines). */
  host?: string;
  /** Milliseconds since the epoch, for `_ts` and TTL expiry. Default `Date.now`; tests pass a clock they move. */
  clock?: () => number;
  /** With `dataDir`: no compaction for a journal smaller than this (default 64 MiB; tests set it small). */
  compactFloorBytes?: number;
  /** Told of each background compaction of `dataDir`, one line each (the CLI prints them). */
  log?: (line: string) => void;
}

export interface CosmosEmulator {
  port: number;
  /** `http://127.0.0.1:<port>/` */
  endpoint: string;
  key: string;
  /** `AccountEndpoint=<endpoint>;AccountKey=<key>;` */
  connectionString: string;
  close(): Promise<void>;
}

export const DEFAULT_TOPOLOGY = resolve(__dirname, '..', '..', 'infra', 'topology.json');

/**
 * Starts @vercel/cosmosdb-server's store behind our own HTTP front (keep-alive, a real latest-version
 * change feed), with the topology's databases and containers, restored from `dataDir` when given.
 */
export async function startCosmosEmulator(opts: CosmosEmulatorOptions = {}): Promise<CosmosEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const topology = readCosmosTopology(opts.topology ?? DEFAULT_TOPOLOGY);
  installStoreHooks();
  installPartitionKeys();
  // vercel's handlers parse bodies with a bare JSON.parse (malformed JSON was a 500): use our checked reader.
  vercelInternals().json.default = readJsonBody;
  installLinearQueryEngine();
  const { Account, routes } = vercelInternals();
  const account = new Account(host, opts.port ?? 8081);
  const store = new DataDirStore(opts.dataDir, opts.clock, {
    ...(opts.compactFloorBytes !== undefined ? { compactFloorBytes: opts.compactFloorBytes } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  registerAccount(account, store);
  // The whole store is built before the port opens, so no request ever sees half of it.
  await store.restore(account);
  applyTopology(account, topology);
  store.compactIfDue(true);

  const server = createServer(
    { keepAlive: true },
    createRequestHandler(() => account, routes),
  );
  // A request the HTTP parser refuses (a header over Node's 16 KiB limit, bad framing) never reaches the
  // handler: answer it (431 or 400, as Cosmos DB's gateway does) and close that socket; the server goes on.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      code: tooLarge ? 'RequestHeaderTooLarge' : 'BadRequest',
      message: tooLarge ? 'Request header too large.' : 'Malformed HTTP request.',
    });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  // Longer than the SDK's idle sockets live, so the server never closes one the client is about to reuse.
  server.keepAliveTimeout = 65_000;
  const port = await listen(server, opts.port ?? 8081, host);
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  advertise(account, endpoint);

  let closing: Promise<void> | undefined;
  return {
    port,
    endpoint,
    key: EMULATOR_KEY,
    connectionString: `AccountEndpoint=${endpoint};AccountKey=${EMULATOR_KEY};`,
    close: () => {
      closing ??= new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }).then(() => store.close());
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const onError = (err: NodeJS.ErrnoException) => {
      fail(err.code === 'EADDRINUSE' ? portInUse(port) : new CosmosEmulatorError(ensureError(err).message));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      done((server.address() as AddressInfo).port);
    });
  });
}

/**
 * The vercel account advertises https://host:port as its read and write location; an SDK with endpoint
 * discovery on would follow it and fail. Advertise the plain-HTTP address we really serve.
 */
function advertise(account: AccountNode, endpoint: string): void {
  const data = account._data as {
    writableLocations: Array<Record<string, string>>;
    readableLocations: Array<Record<string, string>>;
  };
  for (const loc of [...data.writableLocations, ...data.readableLocations])
    loc.databaseAccountEndpoint = endpoint;
}
