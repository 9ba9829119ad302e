import { UserStore } from '../../../shared/auth/userStore';
import type { ApiClient } from '../../support/apiClient';
import type { Stack } from '../../support/stack';

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

/**
 * Registers and signs in a user through the real auth API; the order tests act with its access token.
 * The address is marked verified with the auth service's own UserStore.markVerified, as the verification
 * link does (the link itself, from the mail, is tested in test/functions/auth/emailVerification.itest.ts):
 * admins (ADMIN_EMAILS) and order mails need a verified address.
 */
export async function signUp(api: ApiClient, email: string, stack: Pick<Stack, 'cosmos'>): Promise<TestUser> {
  const password = 'correct horse battery staple';
  const registered = await api.post('/api/auth/register', { email, password, name: email.split('@')[0] });
  if (registered.status !== 201)
    throw new Error(`register ${email}: ${registered.status} ${registered.text}`);
  const users = new UserStore({ container: stack.cosmos.database('identity').container('users') });
  await users.markVerified(String(registered.body.id), new Date().toISOString());
  const login = await api.post<{ accessToken: string }>('/api/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${login.text}`);
  const token = login.body.accessToken;
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
    sub: string;
  };
  return { id: claims.sub, email, token };
}

/** A valid create-order body; `quantity` varies it so idempotency tests can send "another body". */
export function orderBody(quantity = 2) {
  return {
    currency: 'EUR',
    items: [{ sku: 'MUG-01', name: 'Mug', unitPrice: 1299, quantity }],
    shippingAddress: { line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
  };
}
