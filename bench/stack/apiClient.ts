import { randomUUID } from 'node:crypto';
import { BenchError } from '../errors';
import { orderRequestBody } from '../fixtures/orders';

async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** Registers a fresh customer through the API and signs in: the access token the order requests carry. */
export async function registerAndLogin(baseUrl: string): Promise<{ token: string; email: string }> {
  const email = `bench-${randomUUID()}@orderflow.local`;
  const password = `bench-${randomUUID()}`;
  const reg = await postJson(`${baseUrl}/api/auth/register`, { email, password, name: 'Bench Customer' });
  if (reg.status !== 201) throw new BenchError(`register answered ${reg.status}: ${reg.text.slice(0, 500)}`);
  const login = await postJson(`${baseUrl}/api/auth/login`, { email, password });
  const token = (login.json as { accessToken?: string } | undefined)?.accessToken;
  if (login.status !== 200 || !token)
    throw new BenchError(`login answered ${login.status}: ${login.text.slice(0, 500)}`);
  return { token, email };
}

export const orderBodyText = JSON.stringify(orderRequestBody());

/** POST /api/orders (no Idempotency-Key); resolves with the new order's id once the 201 arrives. */
export async function createOrder(
  baseUrl: string,
  token: string,
): Promise<{ id: string; customerId: string; version: number }> {
  const res = await fetch(`${baseUrl}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: orderBodyText,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== 201)
    throw new BenchError(`POST /api/orders answered ${res.status}: ${text.slice(0, 500)}`);
  const order = JSON.parse(text) as { id: string; customerId: string; version: number };
  return { id: order.id, customerId: order.customerId, version: order.version };
}
