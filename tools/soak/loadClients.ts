import { setTimeout as delay } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { type AddressVerifier, call, callUntilAnswered, signUp } from './apiCalls';
import { SoakError } from './errors';

export interface LoadStats {
  /** Order id -> performance.now() of its 201. */
  accepted: Map<string, number>;
  firstPostAt: number;
  patched: number;
  cancelled: number;
  /** Attempts repeated after a connection error, 5xx or 429. */
  retries: number;
  /** Answers no retry could turn into a success, by status (4xx other than the expected ones). */
  rejected: Map<number, number>;
}

/** A varied order: seven products, one to three lines. */
export function soakOrder(i: number) {
  const line = (k: number) => ({
    sku: `SOAK-${k % 7}`,
    name: `Soak product ${k % 7}`,
    unitPrice: 500 + (k % 7) * 275,
    quantity: 1 + (k % 3),
  });
  return {
    currency: 'EUR',
    items: Array.from({ length: 1 + (i % 3) }, (_, j) => line(i + j * 3)),
    shippingAddress: { line1: '1 Soak Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
  };
}

/**
 * The load: `clients` customers, each with its own account and JWT, each sending one request at a time
 * (so the offered rate adapts to what the stack sustains: backpressure, not a schedule), and all of them wait
 * while `behind()`: the API accepts orders faster than the pipeline behind it handles them, and a rate the
 * pipeline cannot follow is not sustained, it only grows a backlog the drain then has to work off. Every tenth order
 * is then changed (PATCH) and every tenth other one cancelled (DELETE). Runs until `stop()` says so.
 */
export async function runLoad(
  baseUrl: string,
  clients: number,
  stop: () => boolean,
  verifier: AddressVerifier,
  /** True while the pipeline is too far behind `accepted` orders: clients wait before their next order. */
  behind: (accepted: number) => boolean = () => false,
): Promise<LoadStats & { done: Promise<void> }> {
  // Two sign-ups at a time: each costs the host two scrypt hashes at the production parameters.
  const tokens: string[] = [];
  for (let i = 0; i < clients; i += 2)
    tokens.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(2, clients - i) }, async () => (await signUp(baseUrl, verifier)).token),
      )),
    );
  const stats: LoadStats & { done: Promise<void> } = {
    accepted: new Map(),
    firstPostAt: performance.now(),
    patched: 0,
    cancelled: 0,
    retries: 0,
    rejected: new Map(),
    done: Promise.resolve(),
  };
  const retried = () => void (stats.retries += 1);
  const reject = (status: number) => stats.rejected.set(status, (stats.rejected.get(status) ?? 0) + 1);
  let sequence = 0;
  const client = async (token: string): Promise<void> => {
    const auth = { authorization: `Bearer ${token}` };
    while (!stop()) {
      if (behind(stats.accepted.size)) {
        await delay(100);
        continue;
      }
      const i = sequence++;
      const key = randomUUID();
      const created = await callUntilAnswered(
        () => call(baseUrl, 'POST', '/api/orders', soakOrder(i), { ...auth, 'idempotency-key': key }),
        retried,
      );
      if (created.status !== 201 && created.status !== 200) {
        reject(created.status);
        continue;
      }
      const id = (created.json as { id: string }).id;
      if (!stats.accepted.has(id)) stats.accepted.set(id, performance.now());
      if (i % 10 === 3) {
        const res = await callUntilAnswered(
          // If-Match (required by the API): the version this client created, as a careful client would send.
          () =>
            call(
              baseUrl,
              'PATCH',
              `/api/orders/${id}`,
              { items: soakOrder(i + 1).items },
              {
                ...auth,
                ...(created.etag ? { 'if-match': created.etag } : {}),
              },
            ),
          retried,
        );
        // A retried PATCH whose first attempt landed finds a newer ETag: 412 then means done.
        if (res.status === 200 || res.status === 412) stats.patched += 1;
        else reject(res.status);
      } else if (i % 10 === 7) {
        const res = await callUntilAnswered(
          () => call(baseUrl, 'DELETE', `/api/orders/${id}`, undefined, auth),
          retried,
        );
        // A retried cancel may find the order cancelled by its first attempt: 409 then means done.
        if (res.status === 200 || res.status === 409) stats.cancelled += 1;
        else reject(res.status);
      }
    }
  };
  stats.firstPostAt = performance.now();
  stats.done = Promise.all(tokens.map(client)).then(() => undefined);
  if (tokens.length === 0) throw new SoakError('no client could sign up');
  return stats;
}
