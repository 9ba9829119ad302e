// An app written for `func start` by someone else (test/fixtures/outsider-app), over real sockets: what its
// handlers see and what its clients get must be what Core Tools gives them.
import { ServiceBusClient } from '@azure/service-bus';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../tools/host/index';
import { startServiceBusEmulator, type ServiceBusEmulatorHandle } from '../../../tools/servicebus/index';
import { startCosmosEmulator, type CosmosEmulator } from '../../../tools/cosmos/index';
import { HostCli } from './cli';
import { records, waitFor } from './waitFor';

const APP = join(__dirname, '..', '..', 'fixtures', 'outsider-app');
let sb: ServiceBusEmulatorHandle;
let cosmos: CosmosEmulator;
let host: RunningHost;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'host-outsider-'));
  [sb, cosmos] = await Promise.all([
    startServiceBusEmulator({ port: 0, topology: join(APP, 'topology.json') }),
    startCosmosEmulator({ port: 0, topology: join(APP, 'topology.json') }),
  ]);
  host = await startHost({
    appDir: APP,
    port: 0,
    quiet: true,
    env: {
      OutsiderServiceBus: sb.connectionString,
      OutsiderCosmos: cosmos.connectionString,
      OUTSIDER_RECORD: join(dir, 'crash.jsonl'),
    },
  });
});

afterAll(async () => {
  await host?.close();
  await Promise.all([sb?.close(), cosmos?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit): Promise<Response> => fetch(host.baseUrl + path, init);

describe('keys (func start runs every function as anonymous locally)', () => {
  it('serves authLevel function and admin functions without a key', async () => {
    expect(await (await get('/api/keyed')).text()).toBe('function level');
    expect(await (await get('/api/adminLevel')).text()).toBe('admin level');
  });

  it('checks keys with --enableAuth, as func start --enableAuth does', async () => {
    const cli = new HostCli({ OutsiderCosmos: cosmos.connectionString }, APP, ['--enableAuth']);
    try {
      const base = await cli.ready();
      expect((await fetch(`${base}/api/keyed`)).status).toBe(401);
      expect((await fetch(`${base}/api/adminLevel`)).status).toBe(401);
      expect((await fetch(`${base}/admin/functions/keyed`, { method: 'POST', body: '{}' })).status).toBe(401);
      // Unrelated to keys, seen in the same start: a change-feed listener on a container that does not exist
      // yet names the reason and retries; an input binding the host does not read is warned about.
      const failed = await cli.waitForOutput(
        /listener for function 'watchMissing' was unable to start: (.*)$/m,
      );
      expect(failed[1]).toMatch(/\S.*\(retrying in 2 s\)/);
      expect(failed[1]).not.toMatch(/^ ?\(retrying/);
      expect(cli.output).toMatch(
        /Function 'tableReader': input binding '\w+' of type 'table' is NOT read by this local host: the handler gets undefined/,
      );
    } finally {
      await cli.stop('SIGKILL');
    }
  });
});

describe('duplicate query parameters', () => {
  it('reach the handler joined with a comma, as the host maps them to the RPC query', async () => {
    const body = (await (await get('/api/query?dupe=1&dupe=2&single=s%20t')).json()) as Record<
      string,
      unknown
    >;
    expect(body).toEqual({
      get: '1,2',
      getAll: ['1,2'],
      entries: [
        ['dupe', '1,2'],
        ['single', 's t'],
      ],
      single: 's t',
    });
  });
});

// A deliberate difference from `func start` (which adds nothing): the peer's address is appended as Azure's
// front end appends it, so an app's per-address limits see a client (docs/security.md).
describe('X-Forwarded-For', () => {
  it("carries the peer's address, appended to what the client sent", async () => {
    expect(await (await get('/api/forwarded')).json()).toEqual({ xff: '127.0.0.1' });
    const spoofed = await get('/api/forwarded', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(await spoofed.json()).toEqual({ xff: '203.0.113.9, 127.0.0.1' });
  });
});

describe('Set-Cookie', () => {
  it('is written as ASP.NET Core writes the host cookie options: lower-case attributes, path=/ by default', async () => {
    const res = await get('/api/cookies');
    expect(res.headers.getSetCookie()).toEqual([
      'plain=v1; path=/',
      'full=a%20b%3Bc; expires=Wed, 02 Jan 2030 03:04:05 GMT; max-age=3600; domain=example.test; path=/sub; secure; samesite=lax; httponly',
      'none=x; path=/; secure; samesite=none',
    ]);
  });
});

describe('working directory', () => {
  it('is the app root under startHost', async () => {
    expect(await (await get('/api/relativeFile')).text()).toBe('hello from the app root\n');
  });

  it('is the app root under the CLI (npm run host), started from another folder', async () => {
    const cli = new HostCli({}, APP);
    try {
      const base = await cli.ready();
      expect(await (await fetch(`${base}/api/relativeFile`)).text()).toBe('hello from the app root\n');
    } finally {
      await cli.stop('SIGKILL');
    }
  });
});

describe('Service Bus output', () => {
  it('sends a string as its UTF-8 bytes, bytes as they are and an object as JSON', async () => {
    const client = new ServiceBusClient(sb.connectionString);
    // No JSON parsing: the test sees the body bytes the broker holds.
    const receiver = client.createReceiver('outsider-out', {
      receiveMode: 'receiveAndDelete',
      skipParsingBodyAsJson: true,
    });
    try {
      for (const kind of ['text', 'bytes', 'object'])
        expect((await get(`/api/send/${kind}`, { method: 'POST', body: 'héllo' })).status).toBe(202);
      const got: { body: string; contentType: string | undefined }[] = [];
      for (let i = 0; i < 10 && got.length < 3; i++) {
        for (const m of await receiver.receiveMessages(3 - got.length, { maxWaitTimeInMs: 2000 }))
          got.push({ body: Buffer.from(m.body as Buffer).toString('utf8'), contentType: m.contentType });
      }
      expect(got).toEqual([
        { body: 'héllo', contentType: 'text/plain' },
        { body: 'héllo', contentType: undefined },
        { body: '{"text":"héllo"}', contentType: 'application/json' },
      ]);
    } finally {
      await receiver.close();
      await client.close();
    }
  });
});

describe('Cosmos DB input and output bindings (connectionStringSetting, the older name)', () => {
  const post = (doc: unknown): Promise<Response> =>
    get('/api/docs', {
      method: 'POST',
      body: JSON.stringify(doc),
      headers: { 'content-type': 'application/json' },
    });

  it('writes through the output and reads by {id} from the route, and by a sqlQuery with {kind} from the query', async () => {
    for (const doc of [
      { id: 'd1', kind: 'a' },
      { id: 'd2', kind: 'b' },
      { id: 'd3', kind: 'a' },
    ])
      expect((await post(doc)).status).toBe(201);
    expect(await (await get('/api/docs/d2')).json()).toMatchObject({ doc: { id: 'd2', kind: 'b' } });
    expect(await (await get('/api/docs/missing')).json()).toEqual({ doc: 'none' });
    expect(await (await get('/api/docs?kind=a')).json()).toEqual([
      { id: 'd1', kind: 'a' },
      { id: 'd3', kind: 'a' },
    ]);
  });

  it('passes {expressions} in a sqlQuery as parameters, so a value cannot change the query', async () => {
    expect((await post({ id: 'd4', kind: 'c' })).status).toBe(201);
    const res = await get(`/api/docs?kind=${encodeURIComponent('x" OR c.kind = "c')}`);
    expect(await res.json()).toEqual([]);
  });

  it('fails the invocation (500) when an expression has no value', async () => {
    expect((await get('/api/docs')).status).toBe(500);
  });
});

/**
 * A GET on a connection of its own: a keep-alive connection belongs to the app process that served it and
 * drops with it, so a pooled one could be dead by the time it is reused.
 */
function getFresh(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(host.baseUrl + path, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

// Last: these end the app process (each test waits for the new one before it ends).
describe('an exception outside any invocation', () => {
  /** The new app process answers: connections made while it starts wait for it. */
  async function newPid(old: string): Promise<string> {
    const pid = (await getFresh('/api/pid')).body;
    expect(pid).not.toBe(old);
    expect(String(host.appPid)).toBe(pid);
    return pid;
  }

  it('ends the worker process, fails the request in flight with 500, and a new worker serves the next', async () => {
    const before = (await getFresh('/api/pid')).body;
    const res = await getFresh('/api/crashInCallback');
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'Internal Server Error' });
    await newPid(before);
  });

  it('does the same for an unhandled promise rejection, as Node does by default', async () => {
    const before = (await getFresh('/api/pid')).body;
    expect((await getFresh('/api/rejectLater')).status).toBe(500);
    await newPid(before);
  });

  it('delivers again a Service Bus message that was being processed when the worker died', async () => {
    const before = (await getFresh('/api/pid')).body;
    const client = new ServiceBusClient(sb.connectionString);
    try {
      await client.createSender('outsider-crash').sendMessages({ body: { id: 'c1' } });
      const recs = await waitFor(
        'the redelivered message',
        () => {
          const r = records<{ message: unknown; deliveryCount: number }>(dir, 'crash');
          return r.length > 0 ? r : undefined;
        },
        // A new app process loads and reconnects, then the lock (5 s) of the first delivery runs out.
        45_000,
      );
      expect(recs).toHaveLength(1);
      expect(recs[0]!.message).toEqual({ id: 'c1' });
      expect(recs[0]!.deliveryCount).toBeGreaterThanOrEqual(2);
    } finally {
      await client.close();
    }
    await newPid(before);
  });
});
