import { UserStore } from '../../../shared/auth/userStore';
import { ApiClient, type ApiResponse } from '../../support/apiClient';
import { startStack, type Stack } from '../../support/stack';

// Typed asymmetric matchers (jest's return any).
const anyString: unknown = expect.any(String);

let stack: Stack;
let api: ApiClient;

beforeAll(async () => {
  // TRUSTED_PROXIES = loopback: the local host appends the socket's address (127.0.0.1) to X-Forwarded-For, so
  // the address each test sends left of it is the one its login limit counts (docs/security.md).
  stack = await startStack({
    env: { ADMIN_EMAILS: 'boss@orderflow.test', TRUSTED_PROXIES: '127.0.0.1,::1' },
  });
  api = new ApiClient(stack.baseUrl);
});
afterAll(() => stack?.close());

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: string;
}

const PASSWORD = 'correct horse battery';
let seq = 0;
// Every test signs in from its own address, so failed logins in one test never lock another out.
const from = (): Record<string, string> => ({ 'x-forwarded-for': `198.51.100.${++seq}` });
const newEmail = (tag: string): string => `${tag}-${Date.now()}-${++seq}@orderflow.test`;

async function register(email: string, name = 'Test User'): Promise<ApiResponse> {
  return api.post('/api/auth/register', { email, password: PASSWORD, name });
}

/** What the verification link does (the link itself: test/functions/auth/passwordReset.itest.ts). */
async function markVerified(userId: unknown): Promise<void> {
  const users = new UserStore({ container: stack.cosmos.database('identity').container('users') });
  await users.markVerified(String(userId), new Date().toISOString());
}

async function login(email: string, password = PASSWORD): Promise<ApiResponse<Tokens>> {
  return api.post<Tokens>('/api/auth/login', { email, password }, { headers: from() });
}

describe('register', () => {
  it('creates an account: 201, Location, the user without any secret', async () => {
    const email = newEmail('reg');
    const res = await register(email, 'Ada Lovelace');
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/auth/me');
    expect(res.body).toEqual({
      id: anyString,
      email,
      emailVerified: false,
      name: 'Ada Lovelace',
      roles: ['customer'],
      createdAt: anyString,
    });
    expect(res.text).not.toMatch(/scrypt|password/i);
  });

  it('stores an scrypt hash with its parameters and a per-user salt', async () => {
    const [a, b] = [newEmail('salt'), newEmail('salt')];
    const ra = await register(a);
    const rb = await register(b);
    const users = stack.cosmos.database('identity').container('users');
    const { resource: ua } = await users
      .item(String(ra.body.id), String(ra.body.id))
      .read<{ passwordHash: string }>();
    const { resource: ub } = await users
      .item(String(rb.body.id), String(rb.body.id))
      .read<{ passwordHash: string }>();
    // The stack's (cheap) PASSWORD_SCRYPT_PARAMS, recorded with the hash.
    expect(ua?.passwordHash).toMatch(/^\$scrypt\$ln=12,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    // Same password, different salts, different hashes.
    expect(ua?.passwordHash.split('$')[3]).not.toBe(ub?.passwordHash.split('$')[3]);
    expect(ua?.passwordHash).not.toBe(ub?.passwordHash);
  });

  it('refuses a second account for a verified email, whatever its case: 409 naming the field', async () => {
    const email = newEmail('dup');
    const first = await register(email);
    expect(first.status).toBe(201);
    await markVerified(first.body.id);
    const res = await register(email.toUpperCase());
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it('of two concurrent registrations of an unverified email both are accounts, one holds the address', async () => {
    const email = newEmail('race');
    const results = await Promise.all([register(email, 'One'), register(email, 'Two')]);
    // An unverified address blocks nobody (see docs/security.md); the owner's verification link decides.
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const users = stack.cosmos.database('identity').container('users');
    const { resources } = await users.items
      .query<{ id: string }>({
        query: 'SELECT c.id FROM c WHERE c.type = "user" AND c.email = @e',
        parameters: [{ name: '@e', value: email }],
      })
      .fetchAll();
    expect(resources).toHaveLength(2);
    const me = await api.get('/api/auth/me', { token: (await login(email)).body.accessToken });
    expect(results.map((r) => r.body.id)).toContain(me.body.id);
  });
});

describe('login and me', () => {
  it('returns an access token, a refresh token and expiresIn; the access token opens /me', async () => {
    const email = newEmail('login');
    await register(email, 'Grace');
    const res = await login(email);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accessToken: anyString,
      refreshToken: anyString,
      expiresIn: 900,
      tokenType: 'Bearer',
    });
    const me = await api.get('/api/auth/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, name: 'Grace', roles: ['customer'] });
  });

  it('gives ADMIN_EMAILS users the admin role once they verified the address, not before', async () => {
    const boss = await register('boss@orderflow.test', 'Boss');
    const before = await login('BOSS@orderflow.test');
    const unverified = await api.get('/api/auth/me', { token: before.body.accessToken });
    expect(unverified.body).toMatchObject({ emailVerified: false, roles: ['customer'] });
    await markVerified(boss.body.id);
    const res = await login('BOSS@orderflow.test');
    const me = await api.get('/api/auth/me', { token: res.body.accessToken });
    expect(me.body).toMatchObject({ emailVerified: true, roles: ['customer', 'admin'] });
  });

  it('answers a wrong password and an unknown email alike: 401 with the same problem', async () => {
    const email = newEmail('wrong');
    await register(email);
    const wrong = await login(email, 'not the password');
    const unknown = await login(newEmail('nobody'), 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: Record<string, unknown>): unknown => ({ ...b, requestId: undefined });
    expect(strip(wrong.body as unknown as Record<string, unknown>)).toEqual(
      strip(unknown.body as unknown as Record<string, unknown>),
    );
  });

  it('refuses /me without a token (401 + WWW-Authenticate) and with a tampered one', async () => {
    const none = await api.get('/api/auth/me');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const email = newEmail('tamper');
    await register(email);
    const { body } = await login(email);
    const [h, p, s] = body.accessToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(p!, 'base64url').toString()),
        roles: ['customer', 'admin'],
      }),
    ).toString('base64url');
    const res = await api.get('/api/auth/me', { token: `${h}.${forged}.${s}` });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  });
});

describe('refresh and logout', () => {
  async function session(): Promise<Tokens> {
    const email = newEmail('sess');
    await register(email);
    return (await login(email)).body;
  }

  it('rotates: a new pair, and the old refresh token is spent', async () => {
    const first = await session();
    const second = await api.post<Tokens>('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await api.get('/api/auth/me', { token: second.body.accessToken })).status).toBe(200);
  });

  it('detects reuse: replaying a spent refresh token revokes the whole family', async () => {
    const first = await session();
    const second = await api.post<Tokens>('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    const replay = await api.post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    // The legitimate successor dies with its family.
    const successor = await api.post('/api/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(successor.status).toBe(401);
  });

  it('of two concurrent refreshes with one token at most one succeeds, and the family is revoked', async () => {
    const first = await session();
    const results = await Promise.all(
      [1, 2].map(() => api.post<Tokens>('/api/auth/refresh', { refreshToken: first.refreshToken })),
    );
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    for (const r of results.filter((x) => x.status === 200)) {
      expect((await api.post('/api/auth/refresh', { refreshToken: r.body.refreshToken })).status).toBe(401);
    }
  });

  it('logout revokes the refresh token (204, then 401), and is silent for an unknown token', async () => {
    const s = await session();
    expect((await api.post('/api/auth/logout', { refreshToken: s.refreshToken })).status).toBe(204);
    expect((await api.post('/api/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    expect((await api.post('/api/auth/logout', { refreshToken: 'rt1.not-a-real-token-at-all' })).status).toBe(
      204,
    );
  });

  it('refuses a forged refresh token with a valid shape', async () => {
    const s = await session();
    const forged = s.refreshToken.replace(/.{43}$/, 'A'.repeat(43));
    expect((await api.post('/api/auth/refresh', { refreshToken: forged })).status).toBe(401);
  });
});
