// An app written for `func start` by someone else (test/fixtures/outsider-app), over real sockets: what its
// handlers see and what its clients get must be what Core Tools gives them.
import { ServiceBusClient } from '@azure/service-bus';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../tools/host/index';
import { startServiceBusEmulator, type ServiceBusEmulatorHandle } from '../../../tools/servicebus/index';
import { HostCli } from './cli';

const APP = join(__dirname, '..', '..', 'fixtures', 'outsider-app');
let sb: ServiceBusEmulatorHandle;
let host: RunningHost;

beforeAll(async () => {
  sb = await startServiceBusEmulator({ port: 0, topology: join(APP, 'topology.json') });
  host = await startHost({
    appDir: APP,
    port: 0,
    quiet: true,
    env: { OutsiderServiceBus: sb.connectionString },
  });
});

afterAll(async () => {
  await host?.close();
  await sb?.close();
});

const get = (path: string, init?: RequestInit): Promise<Response> => fetch(host.baseUrl + path, init);

describe('keys (func start runs every function as anonymous locally)', () => {
  it('serves authLevel function and admin functions without a key', async () => {
    expect(await (await get('/api/keyed')).text()).toBe('function level');
    expect(await (await get('/api/adminLevel')).text()).toBe('admin level');
  });

  it('checks keys with --enableAuth, as func start --enableAuth does', async () => {
    const cli = new HostCli({}, APP, ['--enableAuth']);
    try {
      const base = await cli.ready();
      expect((await fetch(`${base}/api/keyed`)).status).toBe(401);
      expect((await fetch(`${base}/api/adminLevel`)).status).toBe(401);
      expect((await fetch(`${base}/admin/functions/keyed`, { method: 'POST', body: '{}' })).status).toBe(401);
    } finally {
      await cli.stop('SIGKILL');
    }
  });
});

describe('duplicate query parameters', () => {
  it('reach the handler joined with a comma, as the host maps them to the RPC query', async () => {
    const body = (await (await get('/api/query?dupe=1&dupe=2&single=s%20t')).json()) as Record<string, unknown>;
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
