import { AccessTokens } from '../../../shared/auth/accessTokens';
import type { Principal } from '../../../shared/auth/principal';
import { authenticate } from '../../../shared/http/authenticate';
import { HttpError } from '../../../shared/http/errors';
import type { RequestLogger } from '../../../shared/http/requestLogger';

const tokens = new AccessTokens({
  keys: [{ kid: 'k', secret: new Uint8Array(32).fill(7) }],
  issuer: 'orderflow',
  audience: 'orderflow-api',
  ttlSeconds: 60,
});
const lines: string[] = [];
const log: RequestLogger = { info: () => undefined, warn: (m) => lines.push(m), error: () => undefined };
const customer: Principal = { userId: 'u1', email: 'c@x.test', emailVerified: true, roles: ['customer'] };
const admin: Principal = {
  userId: 'u2',
  email: 'a@x.test',
  emailVerified: true,
  roles: ['customer', 'admin'],
};

async function failure(
  authorization: string | null,
  role: 'customer' | 'admin' = 'customer',
): Promise<HttpError> {
  try {
    await authenticate(authorization, role, () => tokens, log);
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('expected an HttpError');
}

describe('authenticate', () => {
  it('returns the principal of a valid bearer token', async () => {
    await expect(
      authenticate(`Bearer ${await tokens.sign(customer)}`, 'customer', () => tokens, log),
    ).resolves.toEqual(customer);
    await expect(
      authenticate(`bearer ${await tokens.sign(admin)}`, 'admin', () => tokens, log),
    ).resolves.toEqual(admin);
  });

  it('401 without an error code when there is no Authorization header, without touching the verifier', async () => {
    const verifier = jest.fn(() => tokens);
    await expect(authenticate(null, 'customer', verifier, log)).rejects.toMatchObject({
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer realm="orderflow"' },
    });
    expect(verifier).not.toHaveBeenCalled();
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', `Bearer ${'a'.repeat(9000)}`])(
    '401 invalid_request for %p',
    async (h) => {
      const err = await failure(h);
      expect(err.status).toBe(401);
      expect(err.headers['WWW-Authenticate']).toContain('error="invalid_request"');
    },
  );

  it('401 invalid_token for a forged token, logging why', async () => {
    const other = new AccessTokens({
      keys: [{ kid: 'k', secret: new Uint8Array(32).fill(8) }],
      issuer: 'orderflow',
      audience: 'orderflow-api',
      ttlSeconds: 60,
    });
    const err = await failure(`Bearer ${await other.sign(admin)}`);
    expect(err.status).toBe(401);
    expect(err.headers['WWW-Authenticate']).toContain('error="invalid_token"');
    expect(lines.some((l) => l.includes('signature'))).toBe(true);
  });

  it('403 when the token is valid but lacks the role', async () => {
    const err = await failure(`Bearer ${await tokens.sign(customer)}`, 'admin');
    expect(err.status).toBe(403);
    expect(err.detail).toContain('admin');
  });
});
