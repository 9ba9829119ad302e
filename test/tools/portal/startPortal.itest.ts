import { ServiceBusClient } from '@azure/service-bus';
import { rawHttp } from '../../support/rawHttp';
import { startPortalFixture, type PortalFixture } from './portalFixture';

let f: PortalFixture;
beforeAll(async () => {
  f = await startPortalFixture();
}, 120_000);
afterAll(() => f?.close());

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  fetch(new URL(path, f.portal.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('local portal security', () => {
  it('binds loopback and serves its page with a strict CSP and no-sniff, never framed', async () => {
    expect(new URL(f.portal.url).hostname).toBe('127.0.0.1');
    const res = await fetch(f.portal.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).toContain(`content="${f.portal.token}"`);
  });

  it('refuses a POST without the token, with a wrong one, or from another origin (403), and takes the right one', async () => {
    const body = { entity: 'emails' };
    const own = new URL(f.portal.url).origin;
    expect((await post('/api/servicebus/purge', body, {})).status).toBe(403);
    expect((await post('/api/servicebus/purge', body, { 'x-portal-token': 'guess' })).status).toBe(403);
    const cross = await post('/api/servicebus/purge', body, {
      'x-portal-token': f.portal.token,
      origin: 'http://evil.example',
    });
    expect(cross.status).toBe(403);
    const siteless = await post('/api/servicebus/purge', body, {
      'x-portal-token': f.portal.token,
      'sec-fetch-site': 'cross-site',
    });
    expect(siteless.status).toBe(403);
    const ok = await post('/api/servicebus/purge', body, { 'x-portal-token': f.portal.token, origin: own });
    expect(ok.status).toBe(200);
  });

  it('changes nothing on GET: actions answer 405 to any other method', async () => {
    expect((await fetch(new URL('/api/servicebus/purge', f.portal.url))).status).toBe(405);
    expect(
      (await fetch(new URL('/api/servicebus/entities', f.portal.url), { method: 'DELETE' })).status,
    ).toBe(405);
  });

  it.each([
    ['a bad %-escape', 'GET /api/servicebus/messages?entity=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n', 'any'],
    ['an unknown entity', 'GET /api/servicebus/messages?entity=nope HTTP/1.1\r\nHost: x\r\n\r\n', 'any'],
    ['a path that is no URL', 'GET // HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    [
      'a body that is no JSON',
      'POST /api/cosmos/query HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n{',
      403,
    ],
    ['a huge URL', `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
  ])('answers %s with a status and keeps serving', async (_what, request, status) => {
    const line = await rawHttp(Number(new URL(f.portal.url).port), request);
    expect(line).toMatch(status === 'any' ? /^HTTP\/1\.1 [45]\d\d / : new RegExp(`^HTTP/1\\.1 ${status} `));
    expect((await fetch(f.portal.url)).status).toBe(200);
  });

  it('lists the broker entities with live counts', async () => {
    const bus = new ServiceBusClient(f.serviceBusConnectionString);
    await bus.createSender('orders').sendMessages([{ body: 1 }, { body: 2 }]);
    await bus.close();
    const { entities } = (await (await fetch(new URL('/api/servicebus/entities', f.portal.url))).json()) as {
      entities: Array<{ path: string; activeMessageCount: number }>;
    };
    expect(entities.find((e) => e.path === 'orders')?.activeMessageCount).toBe(2);
  });
});
