import type { CosmosClient } from '@azure/cosmos';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { SoakError } from './errors';
import { UserStore } from '../../shared/auth/userStore';

export interface ApiAnswer {
  status: number;
  text: string;
  json: unknown;
  etag?: string;
}

/** One HTTP call to the host; a connection error (the host being killed) answers status 0. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const etag = res.headers.get('etag');
    return { status: res.status, text, json, ...(etag ? { etag } : {}) };
  } catch (err) {
    return { status: 0, text: String(err), json: undefined };
  }
}

/**
 * Repeats a call through connection errors, 5xx and 429 (a killed host, a killed emulator behind it) until it
 * answers, for at most `patienceMs`. Only calls that are safe to repeat go through here: order creation
 * carries an Idempotency-Key, PATCH and DELETE of an order converge.
 */
export async function callUntilAnswered(
  attempt: () => Promise<ApiAnswer>,
  onRetry: () => void,
  patienceMs = 180_000,
): Promise<ApiAnswer> {
  const end = performance.now() + patienceMs;
  for (;;) {
    const res = await attempt();
    if (res.status !== 0 && res.status < 500 && res.status !== 429) return res;
    if (performance.now() > end) return res;
    onRetry();
    await delay(250);
  }
}

/** What marks an address verified: the auth service's UserStore (`identity/users`), as the mailed link does. */
export interface AddressVerifier {
  markVerified(userId: string, at: string): Promise<unknown>;
}

/** The verifier over a stack's Cosmos DB: the auth service's own UserStore. */
export function addressVerifier(cosmos: CosmosClient): AddressVerifier {
  return new UserStore({ container: cosmos.database('identity').container('users') });
}

function subjectOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  return String((JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub);
}

async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await callUntilAnswered(
    () => call(baseUrl, 'POST', '/api/auth/login', { email, password }),
    () => undefined,
  );
  const token = (res.json as { accessToken?: string } | undefined)?.accessToken;
  if (res.status !== 200 || !token)
    throw new SoakError(`login answered ${res.status}: ${res.text.slice(0, 300)}`);
  return token;
}

/**
 * Registers a fresh user, marks the address verified (orders mail only verified addresses, admins need one)
 * and signs in through the API: the JWT, with `email_verified`, that every later call carries. Verification
 * writes the user store directly, as test/functions/orders/orderTestUsers.ts does; the mailed link is the auth
 * tests' subject. Calls are repeated through a killed host or emulator (up to 3 minutes each).
 */
export async function signUp(
  baseUrl: string,
  verifier: AddressVerifier,
  email = `soak-${randomUUID()}@orderflow.local`,
): Promise<{ token: string; email: string; userId: string }> {
  const password = `soak-${randomUUID()}`;
  const reg = await callUntilAnswered(
    () => call(baseUrl, 'POST', '/api/auth/register', { email, password, name: 'Soak Customer' }),
    () => undefined,
  );
  // 409: a repeat of a registration whose first attempt landed but whose answer was lost.
  if (reg.status !== 201 && reg.status !== 409)
    throw new SoakError(`register answered ${reg.status}: ${reg.text.slice(0, 300)}`);
  const userId = subjectOf(await login(baseUrl, email, password));
  const end = performance.now() + 180_000;
  for (;;) {
    try {
      await verifier.markVerified(userId, new Date().toISOString());
      break;
    } catch (err) {
      if (performance.now() > end) throw err;
      await delay(500);
    }
  }
  // A new token: the claim `email_verified` is taken from the user at sign-in.
  return { token: await login(baseUrl, email, password), email, userId };
}
