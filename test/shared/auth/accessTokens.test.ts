import { SignJWT, UnsecuredJWT } from 'jose';
import { AccessTokens, type SigningKey } from '../../../shared/auth/accessTokens';
import { InvalidTokenError } from '../../../shared/auth/errors';
import type { Principal } from '../../../shared/auth/principal';

const key = (kid: string, fill: number): SigningKey => ({ kid, secret: new Uint8Array(32).fill(fill) });
const k1 = key('k1', 1);
const k2 = key('k2', 2);
const NOW = new Date('2026-01-01T00:00:00Z');
const user: Principal = { userId: 'u-1', email: 'a@b.test', emailVerified: true, roles: ['customer'] };

const tokens = (init: Partial<ConstructorParameters<typeof AccessTokens>[0]> = {}): AccessTokens =>
  new AccessTokens({
    keys: [k1],
    issuer: 'orderflow',
    audience: 'orderflow-api',
    ttlSeconds: 900,
    clock: () => NOW,
    ...init,
  });

/** A token signed by hand, to build what our issuer never would. */
function handMade(
  opts: {
    alg?: string;
    kid?: string;
    typ?: string;
    secret?: Uint8Array;
    claims?: Record<string, unknown>;
  } = {},
) {
  const now = Math.floor(NOW.getTime() / 1000);
  return new SignJWT({ email: user.email, roles: user.roles, ...opts.claims })
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', kid: opts.kid ?? 'k1', typ: opts.typ ?? 'at+jwt' })
    .setIssuer('orderflow')
    .setAudience('orderflow-api')
    .setSubject(user.userId)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(opts.secret ?? k1.secret);
}

describe('AccessTokens', () => {
  it('signs with the first key and verifies back to the principal', async () => {
    const t = tokens();
    const jwt = await t.sign(user);
    expect(JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString())).toEqual({
      alg: 'HS256',
      kid: 'k1',
      typ: 'at+jwt',
    });
    await expect(t.verify(jwt)).resolves.toEqual(user);
  });

  it('selects the verification key by kid (rotation: old tokens stay valid)', async () => {
    const old = await tokens({ keys: [k1] }).sign(user);
    const rotated = tokens({ keys: [k2, k1] });
    const fresh = await rotated.sign(user);
    await expect(rotated.verify(old)).resolves.toEqual(user);
    await expect(rotated.verify(fresh)).resolves.toEqual(user);
    await expect(tokens({ keys: [k1] }).verify(fresh)).rejects.toThrow(/unknown kid/);
  });

  it('rejects an expired token', async () => {
    const jwt = await tokens().sign(user);
    const later = tokens({ clock: () => new Date(NOW.getTime() + 901_000 + 5_000) });
    await expect(later.verify(jwt)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects another issuer or audience', async () => {
    const jwt = await tokens().sign(user);
    await expect(tokens({ issuer: 'someone-else' }).verify(jwt)).rejects.toThrow(/iss/);
    await expect(tokens({ audience: 'other-api' }).verify(jwt)).rejects.toThrow(/aud/);
  });

  it('pins the algorithm: HS512 with the same secret and alg=none are refused', async () => {
    await expect(tokens().verify(await handMade({ alg: 'HS512' }))).rejects.toBeInstanceOf(InvalidTokenError);
    const none = new UnsecuredJWT({ sub: 'u-1', email: 'a@b.test', roles: ['admin'] })
      .setIssuer('orderflow')
      .setAudience('orderflow-api')
      .setExpirationTime('1h')
      .encode();
    await expect(tokens().verify(none)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token signed with a wrong secret under a known kid', async () => {
    await expect(tokens().verify(await handMade({ secret: k2.secret }))).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it('refuses a token of another type (typ) and one with invalid role claims', async () => {
    await expect(tokens().verify(await handMade({ typ: 'JWT' }))).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(tokens().verify(await handMade({ claims: { roles: ['root'] } }))).rejects.toThrow(/claims/);
    await expect(tokens().verify(await handMade({ claims: { roles: [] } }))).rejects.toThrow(/claims/);
  });

  it('refuses garbage', async () => {
    for (const bad of ['', 'a.b.c', 'not a jwt'])
      await expect(tokens().verify(bad)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('rejects a token that expired after it was verified and remembered', async () => {
    let now = NOW;
    const t = tokens({ clock: () => now });
    const jwt = await t.sign(user);
    await expect(t.verify(jwt)).resolves.toEqual(user);
    await expect(t.verify(jwt)).resolves.toEqual(user);
    now = new Date(NOW.getTime() + 900_000 + 5_000);
    await expect(t.verify(jwt)).rejects.toThrow(/exp/);
  });

  it('does not remember a rejected token, and gives each caller its own principal', async () => {
    const t = tokens();
    const forged = await handMade({ secret: k2.secret });
    await expect(t.verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(t.verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    const jwt = await t.sign(user);
    (await t.verify(jwt)).roles.push('admin');
    await expect(t.verify(jwt)).resolves.toEqual(user);
  });

  it('verifies the same way with the cache switched off', async () => {
    const t = tokens({ verifiedCacheSize: 0 });
    const jwt = await t.sign(user);
    await expect(t.verify(jwt)).resolves.toEqual(user);
    await expect(t.verify(jwt)).resolves.toEqual(user);
  });
});
