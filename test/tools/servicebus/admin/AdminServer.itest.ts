import { request } from 'node:http';
import { connect } from 'node:net';
import { startServiceBusEmulator, type ServiceBusEmulatorHandle } from '../../../../tools/servicebus/index';
import { MAX_BODY_BYTES } from '../../../../tools/servicebus/admin/AdminServer';
import { fixtureConfig } from '../harness';

interface Reply {
  status: number;
  body: string;
}

/** One raw HTTP exchange (paths are sent as given, without normalisation). */
function send(
  port: number,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const entry = (content: string) =>
  `<entry xmlns="http://www.w3.org/2005/Atom"><content type="application/xml">${content}</content></entry>`;
const queueDescription = (inner: string) =>
  entry(
    `<QueueDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect">${inner}</QueueDescription>`,
  );

describe('Service Bus administration API: malformed requests get an answer and stop nothing', () => {
  let bus: ServiceBusEmulatorHandle;
  let port: number;
  beforeAll(async () => {
    bus = await startServiceBusEmulator({ port: 0, adminPort: 0, config: fixtureConfig });
    port = bus.adminPort!;
  });
  afterAll(async () => {
    await bus.close();
  });
  afterEach(async () => {
    // The invariant every case ends on: the server still answers a well-formed request.
    expect((await send(port, 'GET', '/$namespaceinfo?api-version=2021-05')).status).toBe(200);
  });

  it('bad %-encoding in the path: 400', async () => {
    const r = await send(port, 'GET', '/%E0%A4%A?api-version=2021-05');
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/<Error><Code>400<\/Code>/);
  });

  it('a body over the cap: 413, and the whole body is read (no reset)', async () => {
    const r = await send(port, 'PUT', '/giant', Buffer.alloc(MAX_BODY_BYTES * 2, 'a'));
    expect(r.status).toBe(413);
  });

  it('a body over the cap announced by Content-Length: 413', async () => {
    const r = await send(port, 'PUT', '/giant', Buffer.alloc(MAX_BODY_BYTES + 1, 'a'), {
      'content-length': String(MAX_BODY_BYTES + 1),
    });
    expect(r.status).toBe(413);
  });

  it('XML that is not well-formed: 400', async () => {
    expect((await send(port, 'PUT', '/q1', '<entry><content><QueueDescription>')).status).toBe(400);
    expect((await send(port, 'PUT', '/q1', 'not xml at all')).status).toBe(400);
    expect((await send(port, 'PUT', '/q1', '')).status).toBe(400);
  });

  it('well-formed XML that is not an entity description: 400', async () => {
    expect((await send(port, 'PUT', '/q1', '<foo/>')).status).toBe(400);
    expect((await send(port, 'PUT', '/q1', entry('<Foo/>'))).status).toBe(400);
    expect(
      (await send(port, 'PUT', '/q1', entry('<RuleDescription><Name>x</Name></RuleDescription>'))).status,
    ).toBe(400);
  });

  it('values of the wrong type: 400, naming the field, and nothing is created', async () => {
    for (const inner of [
      '<LockDuration>forever</LockDuration>',
      '<MaxDeliveryCount>-1</MaxDeliveryCount>',
      '<MaxDeliveryCount>0</MaxDeliveryCount>',
      '<RequiresSession>maybe</RequiresSession>',
      '<MaxSizeInMegabytes>1e99</MaxSizeInMegabytes>',
    ]) {
      const r = await send(port, 'PUT', '/typed', queueDescription(inner));
      expect([inner, r.status]).toEqual([inner, 400]);
    }
    expect((await send(port, 'GET', '/typed')).status).toBe(404);
  });

  it('a DTD (an entity-expansion bomb): 400, and nothing is created', async () => {
    const lol =
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>';
    const r = await send(port, 'PUT', '/bomb', lol + queueDescription('<UserMetadata>&lol9;</UserMetadata>'));
    expect(r.status).toBe(400);
    expect((await send(port, 'GET', '/bomb')).status).toBe(404);
  });

  it('methods the API does not have: 405', async () => {
    expect((await send(port, 'PATCH', '/work')).status).toBe(405);
    expect((await send(port, 'POST', '/$Resources/Queues')).status).toBe(405);
    expect((await send(port, 'DELETE', '/$namespaceinfo')).status).toBe(405);
  });

  it('bad paging parameters: 400; unknown paths: 404', async () => {
    expect((await send(port, 'GET', '/$Resources/Queues?$skip=abc')).status).toBe(400);
    expect((await send(port, 'GET', '/$Resources/Queues?$top=-1')).status).toBe(400);
    expect((await send(port, 'GET', '/events/Subscriptions/all/Rules/$Default/extra')).status).toBe(404);
    expect((await send(port, 'GET', '/no-such-topic/Subscriptions')).status).toBe(404);
    expect((await send(port, 'GET', '/a//b')).status).toBe(404);
    expect((await send(port, 'GET', '//')).status).toBe(400);
  });

  it('a URL past the header limit: 431, and the server goes on serving', async () => {
    expect((await send(port, 'GET', `/$Resources/Queues?${'x'.repeat(100_000)}`)).status).toBe(431);
    expect((await send(port, 'GET', '/$Resources/Queues')).status).toBe(200);
  });

  it('bytes that are not HTTP: the connection is answered 400 and closed', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0, 0, 0, 0, 0, 0, 13, 10, 13, 10])),
      );
      let got = '';
      socket.on('data', (d: Buffer) => (got += d.toString()));
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
  });
});
