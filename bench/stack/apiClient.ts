import { call, signUp, addressVerifier } from '../../tools/soak/apiCalls';
import { BenchError } from '../errors';
import { orderRequestBody } from '../fixtures/orders';
import { createCosmosClient } from '../../shared/platform/cosmosClient';

/**
 * Registers a fresh customer through the API, marks the address verified (orders need `email_verified`) and
 * signs in: the access token the order requests carry. The soak's signUp (tools/soak/apiCalls.ts).
 */
export async function registerAndLogin(
  baseUrl: string,
  cosmosConnectionString: string,
  email?: string,
): Promise<{ token: string; email: string }> {
  const cosmos = await createCosmosClient({ connectionString: cosmosConnectionString });
  try {
    return await signUp(baseUrl, addressVerifier(cosmos), email);
  } finally {
    cosmos.dispose();
  }
}

export const orderBodyText = JSON.stringify(orderRequestBody());

/** POST /api/orders (no Idempotency-Key); resolves with the new order's id once the 201 arrives. */
export async function createOrder(
  baseUrl: string,
  token: string,
): Promise<{ id: string; customerId: string; version: number }> {
  const res = await call(baseUrl, 'POST', '/api/orders', orderRequestBody(), {
    authorization: `Bearer ${token}`,
  });
  if (res.status !== 201)
    throw new BenchError(`POST /api/orders answered ${res.status}: ${res.text.slice(0, 500)}`);
  const order = res.json as { id: string; customerId: string; version: number };
  return { id: order.id, customerId: order.customerId, version: order.version };
}
