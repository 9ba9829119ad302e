import { startHost } from '../../../tools/host';
import { ApiClient, type ApiResponse } from '../../support/apiClient';
import { startStack, type Stack } from '../../support/stack';

// Small thresholds keep the number of (deliberately slow) scrypt verifications in this file low.
const ACCOUNT_LIMIT = 3;
const ADDRESS_LIMIT = 4;

let stack: Stack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startStack({
    env: {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(ACCOUNT_LIMIT),
      LOGIN_MAX_FAILURES_PER_ADDRESS: String(ADDRESS_LIMIT),
      LOGIN_LOCKOUT_SECONDS: '600',
      // The test is the proxy: the local host appends the socket's address (loopback) to X-Forwarded-For, and
      // only because loopback is trusted here is the hop left of it (the address a test sends) believed.
      TRUSTED_PROXIES: '127.0.0.1,::1',
    },
  });
  api = new ApiClient(stack.baseUrl);
});
afterAll(() => stack?.close());

const PASSWORD = 'correct horse battery';
let seq = 0;
const newEmail = (): string => `lock-${Date.now()}-${++seq}@orderflow.test`;
const address = (): string => `203.0.113.${++seq}`;

async function register(): Promise<string> {
  const email = newEmail();
  const res = await api.post('/api/auth/register', { email, password: PASSWORD, name: 'Lock Test' });
  expect(res.status).toBe(201);
  return email;
}

function login(email: string, password: string, ip: string, client = api): Promise<ApiResponse> {
  return client.post(
    '/api/auth/login',
    { email, password },
    { headers: { 'x-forwarded-for': `10.0.0.1, ${ip}` } },
  );
}

function expectLocked(res: ApiResponse): void {
  expect(res.status).toBe(429);
  expect(res.body.type).toBe('urn:orderflow:problem:too-many-requests');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
}

describe('login lockout', () => {
  it('locks an account after repeated failures, from any address, even with the right password', async () => {
    const email = await register();
    for (let i = 0; i < ACCOUNT_LIMIT; i++)
      expect((await login(email, 'wrong password', address())).status).toBe(401);
    expectLocked(await login(email, PASSWORD, address()));
  });

  it('locks a client address after repeated failures, for every account, but not other addresses', async () => {
    const email = await register();
    const ip = address();
    for (let i = 0; i < ADDRESS_LIMIT; i++)
      expect((await login(newEmail(), 'wrong password', ip)).status).toBe(401);
    expectLocked(await login(email, PASSWORD, ip));
    expect((await login(email, PASSWORD, address())).status).toBe(200);
  });

  it('a successful login is not counted, but does not reset the window either (at most the limit of checks)', async () => {
    const email = await register();
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++)
      expect((await login(email, 'wrong password', address())).status).toBe(401);
    expect((await login(email, PASSWORD, address())).status).toBe(200);
    expect((await login(email, PASSWORD, address())).status).toBe(200);
    expect((await login(email, 'wrong password', address())).status).toBe(401);
    expectLocked(await login(email, PASSWORD, address()));
  });

  it('holds across app instances: the counters live in Cosmos DB (loginThrottle, with a TTL)', async () => {
    const email = await register();
    for (let i = 0; i < ACCOUNT_LIMIT; i++)
      expect((await login(email, 'wrong password', address())).status).toBe(401);
    const second = await startHost({
      appDir: `${__dirname}/../../..`,
      port: 0,
      env: stack.settings,
      quiet: true,
    });
    try {
      expectLocked(await login(email, PASSWORD, address(), new ApiClient(second.baseUrl)));
    } finally {
      await second.close();
    }
    const { resources } = await stack.cosmos
      .database('identity')
      .container('loginThrottle')
      .items.query<{ id: string; ttl: number; lockedUntilMs?: number }>(
        'SELECT * FROM c WHERE IS_DEFINED(c.lockedUntilMs)',
      )
      .fetchAll();
    expect(resources.length).toBeGreaterThan(0);
    for (const doc of resources) expect(doc.ttl).toBeGreaterThan(0);
  });

  // Last: it locks the loopback address itself (for LOGIN_LOCKOUT_SECONDS), which the tests above never use.
  it('without a trusted proxy the socket address counts: a fresh X-Forwarded-For each time changes nothing', async () => {
    // The same app and database, on a host whose TRUSTED_PROXIES is empty (the default).
    const plain = await startHost({
      appDir: `${__dirname}/../../..`,
      port: 0,
      env: { ...stack.settings, TRUSTED_PROXIES: '' },
      quiet: true,
    });
    try {
      const client = new ApiClient(plain.baseUrl);
      const email = await register();
      for (let i = 0; i < ADDRESS_LIMIT; i++)
        expect((await login(newEmail(), 'wrong password', address(), client)).status).toBe(401);
      // Another spoofed address, the right password: still the one socket address, which is locked.
      expectLocked(await login(email, PASSWORD, address(), client));
      const bare = await client.post('/api/auth/login', { email, password: PASSWORD });
      expectLocked(bare);
      // The account itself is not locked: through the trusted proxy, from another address, it signs in.
      expect((await login(email, PASSWORD, address())).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
