import type { OrderStatusDoc } from './emailDocs';
import type { DocStore } from '../analytics/docStore';
import { ConcurrencyExhaustedError } from '../analytics/errors';

/** Keeps the highest version's status per order; an older or repeated command changes nothing. */
export async function recordOrderStatus(
  store: DocStore<OrderStatusDoc>,
  update: { orderId: string; status: string; version: number; now: Date },
): Promise<void> {
  const doc: OrderStatusDoc = {
    id: update.orderId,
    status: update.status,
    version: update.version,
    updatedAt: update.now.toISOString(),
  };
  // Most orders change status once (a cancellation): create first, one request; read only on a conflict.
  if ((await store.create(doc)) !== 'exists') return;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const current = await store.read(update.orderId);
    if (current && current.doc.version >= update.version) return;
    const written = current ? await store.replace(doc, current.etag) : await store.create(doc);
    if (written !== 'stale' && written !== 'exists') return;
  }
  throw new ConcurrencyExhaustedError(`order status ${update.orderId}: too many concurrent updates`);
}
