import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { SoakError } from './errors';

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

/** Registers a fresh user and signs in through the API: the JWT every later call carries. */
export async function signUp(
  baseUrl: string,
  email = `soak-${randomUUID()}@orderflow.local`,
): Promise<string> {
  const password = `soak-${randomUUID()}`;
  const reg = await callUntilAnswered(
    () => call(baseUrl, 'POST', '/api/auth/register', { email, password, name: 'Soak Customer' }),
    () => undefined,
  );
  // 409: a repeat of a registration whose first attempt landed but whose answer was lost.
  if (reg.status !== 201 && reg.status !== 409)
    throw new SoakError(`register answered ${reg.status}: ${reg.text.slice(0, 300)}`);
  const login = await callUntilAnswered(
    () => call(baseUrl, 'POST', '/api/auth/login', { email, password }),
    () => undefined,
  );
  const token = (login.json as { accessToken?: string } | undefined)?.accessToken;
  if (login.status !== 200 || !token)
    throw new SoakError(`login answered ${login.status}: ${login.text.slice(0, 300)}`);
  return token;
}
