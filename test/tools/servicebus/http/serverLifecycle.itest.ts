import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { answerClientErrors } from '../../../../tools/servicebus/http/serverLifecycle';

/** What a raw client gets back for `bytes`, read until the server closes or `idleMs` passes without data. */
function rawAnswer(port: number, bytes: string, opts: { allowHalfOpen?: boolean } = {}) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: opts.allowHalfOpen ?? false });
    let answer = '';
    socket.write(bytes);
    socket.on('data', (d: Buffer) => {
      answer += d.toString();
      // A half-open client stays connected once answered: the test then watches the server's side.
      if (opts.allowHalfOpen && answer.includes('\r\n\r\n')) resolve(answer);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

const connections = (server: Server) =>
  new Promise<number>((resolve, reject) =>
    server.getConnections((err, n) => (err ? reject(err) : resolve(n))),
  );

describe('answerClientErrors', () => {
  let server: Server;
  let port: number;
  beforeEach(async () => {
    server = createServer((_req, res) => res.end('ok'));
    answerClientErrors(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('answers a request line past the header limit with 431, and bytes that are not HTTP with 400', async () => {
    expect(await rawAnswer(port, `GET /?${'x'.repeat(100_000)} HTTP/1.1\r\n\r\n`)).toMatch(
      /^HTTP\/1\.1 431 /,
    );
    expect(await rawAnswer(port, '\x16\x03\x01\x00\xff\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawAnswer(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/ 200 /);
  });

  it('closes, within its grace, a refused connection whose client stays connected and silent', async () => {
    // 20 clients that send a request line past the limit in one write (nothing left for the parser to choke on
    // afterwards, which would make Node drop them itself), read the 431 and then neither write nor close.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        rawAnswer(port, `GET /?${'x'.repeat(20_000)}`, { allowHalfOpen: true }),
      ),
    );
    expect(answers.every((a) => a.startsWith('HTTP/1.1 431 '))).toBe(true);
    // The server lets them go: no connection of theirs is left (the grace is 2 s; checked for up to 10 s).
    let left = await connections(server);
    for (let i = 0; i < 100 && left > 0; i++) {
      await sleep(100);
      left = await connections(server);
    }
    expect(left).toBe(0);
  });
});
