import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AccessTokens } from '../../shared/auth/accessTokens';
import { registerAndLogin } from './apiClient';
import type { StackInfo } from './stackInfo';

/**
 * An access token of a customer for the order requests. With the auth functions built, a real account is
 * registered, its address marked verified (orders need `email_verified`) and signed in through the API; before they land, the token is issued by the auth service's own
 * AccessTokens with the host's key (the orders API verifies the token only, it never looks the user up).
 */
export async function customerToken(
  root: string,
  baseUrl: string,
  jwtKeys: string,
  stack: StackInfo,
): Promise<{ token: string; via: 'api' | 'signed' }> {
  if (existsSync(join(root, 'functions', 'auth')) && stack.cosmos)
    return { token: (await registerAndLogin(baseUrl, stack.cosmos.connectionString)).token, via: 'api' };
  const [kid, secret] = jwtKeys.split('=') as [string, string];
  const tokens = new AccessTokens({
    keys: [{ kid, secret: Buffer.from(secret, 'base64url') }],
    issuer: 'orderflow',
    audience: 'orderflow-api',
    ttlSeconds: 3600,
  });
  const userId = randomUUID();
  return {
    token: await tokens.sign({
      userId,
      email: `bench-${userId}@orderflow.local`,
      emailVerified: true,
      roles: ['customer'],
    }),
    via: 'signed',
  };
}
