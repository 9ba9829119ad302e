// The HTTP front of the host against malformed requests, over raw sockets: every shape gets an answer (or a
// closed connection), and the process that serves the app keeps running; the port is bound to loopback only.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../tools/host/index';

const APP = join(__dirname, '..', '..', 'fixtures', 'outsider-app');
let host: RunningHost;

beforeAll(async () => {
  host = await startHost({ appDir: APP, port: 0, quiet: true });
});

afterAll(async () => {
  await host?.close();
});

/** Writes `raw` on a fresh connection; resolves with what the server sent before it closed (or went idle). */
function rawRequest(raw: string | Buffer, address = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, address);
    let got = '';
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (c: Buffer) => {
      got += c.toString('latin1');
      // One complete response is enough: the connection may be kept alive.
      if (/\r\n\r\n/.test(got)) socket.end();
    });
    socket.on('close', () => resolve(got));
    // The server may answer and reset while the request is still being written: what it sent counts.
    socket.on('error', (err: NodeJS.ErrnoException) =>
      got !== '' || err.code === 'ECONNRESET' ? resolve(got) : reject(err),
    );
    socket.write(raw);
  });
}

const status = (response: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

describe('malformed requests', () => {
  let pid: string;
  beforeAll(async () => {
    pid = await (await fetch(`${host.baseUrl}/api/pid`)).text();
  });

  // After each shape: the same app process still answers (nothing crashed or restarted it).
  afterEach(async () => {
    expect(await (await fetch(`${host.baseUrl}/api/pid`)).text()).toBe(pid);
  });

  it('answers 400 to bad %-encoding in a route path', async () => {
    expect(status(await rawRequest('GET /api/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n'))).toBe(400);
  });

  it('answers 400 to bad %-encoding in an admin function name, before any key check', async () => {
    const res = await rawRequest(
      'POST /admin/functions/%ZZ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}',
    );
    expect(status(res)).toBe(400);
  });

  it('tolerates bad %-encoding in the query string, as URLSearchParams does', async () => {
    expect(status(await rawRequest('GET /api/query?dupe=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n'))).toBe(200);
  });

  it('answers 431 to headers larger than the limit, or resets while they still arrive', async () => {
    const res = await rawRequest(
      `GET /api/pid HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
    );
    // A reset can discard the 431 before the client reads it: both end the request, neither the process.
    expect(res === '' || status(res) === 431).toBe(true);
  });

  it('answers 400 to an invalid method and to a garbage request line', async () => {
    expect(status(await rawRequest('FO(O / HTTP/1.1\r\nHost: x\r\n\r\n'))).toBe(400);
    expect(status(await rawRequest(Buffer.from([0, 1, 2, 13, 10, 13, 10])))).toBe(400);
  });

  it('answers 400 to an invalid Content-Length and to a broken chunked body', async () => {
    expect(
      status(await rawRequest('POST /api/docs HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n')),
    ).toBe(400);
    const chunked =
      'POST /api/docs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nxx\r\n0\r\n\r\n';
    expect(status(await rawRequest(chunked))).toBe(400);
  });

  it('answers a Host header that is no host, and an absolute-form target, without failing', async () => {
    const badHost = status(await rawRequest('GET /api/pid HTTP/1.1\r\nHost: a b/c\r\n\r\n'));
    expect([200, 400, 500]).toContain(badHost);
    expect(status(await rawRequest('GET http://elsewhere/api/nope HTTP/1.1\r\nHost: x\r\n\r\n'))).toBe(404);
  });
});

describe('the port', () => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && !a.internal)?.address;

  // Only where the machine has another interface to try (CI runners and this machine do).
  (external ? it : it.skip)('is bound to loopback only, as the banner says', async () => {
    await expect(rawRequest('GET /api/pid HTTP/1.1\r\nHost: x\r\n\r\n', external)).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
