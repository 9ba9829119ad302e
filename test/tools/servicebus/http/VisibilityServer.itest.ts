import { request } from 'node:http';
import { startHarness, type Harness } from '../harness';

/** Raw requests (fetch would normalise them): the path and method exactly as a broken client sends them. */
function raw(port: number, method: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('VisibilityServer: malformed requests', () => {
  let h: Harness;
  let port: number;
  beforeAll(async () => {
    h = await startHarness({ httpPort: 0 });
    port = Number(new URL(h.emulator.httpUrl!).port);
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['bad %-encoding', 'GET', '/entities/%E0%A4%A/messages', 400],
    ['a lone %', 'GET', '/entities/work%/messages', 400],
    ['a non-numeric from', 'GET', '/entities/work/messages?from=abc', 400],
    ['a negative count', 'GET', '/entities/work/messages?count=-5', 400],
    ['a huge count', 'GET', '/entities/work/messages?count=1e400', 400],
    ['an unknown entity', 'GET', '/entities/%00nope/messages', 404],
    ['another method', 'DELETE', '/entities', 405],
    ['a made-up method', 'BREW', '/entities', 400],
    ['an absolute-form target', 'GET', 'http://elsewhere/entities', 200],
    ['a long path', 'GET', `/entities/${'a'.repeat(10_000)}/messages`, 404],
  ])('answers %s with a status, never a crash', async (_what, method, path, status) => {
    const res = await raw(port, method, path);
    expect(res.status).toBe(status);
  });

  it('answers a URL past the header limit with 431 and keeps serving', async () => {
    const res = await raw(port, 'GET', `/entities?${'x'.repeat(100_000)}`);
    expect(res.status).toBe(431);
    expect((await raw(port, 'GET', '/entities')).status).toBe(200);
  });

  it('answers 200 such requests at once with 431 each, then serves', async () => {
    const all = await Promise.all(
      Array.from({ length: 200 }, () => raw(port, 'GET', `/entities?${'x'.repeat(100_000)}`)),
    );
    expect(all.map((r) => r.status)).toEqual(all.map(() => 431));
    expect((await raw(port, 'GET', '/entities')).status).toBe(200);
  });
});
