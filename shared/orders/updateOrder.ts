import type { Actor } from './actor';
import {
  ensureError,
  OrderContentionError,
  OrderStateConflictError,
  OrderValidationError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from './errors';
import { ifMatchSatisfied } from './etag';
import { findVisibleOrder } from './findVisibleOrder';
import type { OrderDeps, OrderView, WriteContext } from './orderDeps';
import { nextVersion, toOrderView } from './orderDocument';
import { createOrderSchema, type UpdateOrderInput } from './orderInputSchemas';
import { priceOrder } from './priceOrder';

/** Field path of an issue, dotted like the gateway's problem documents: `items.0.unitPrice`. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map((p) => String(p)).join('.') : '(body)';
}

/**
 * Edits a pending order and prices it again. If-Match is mandatory: the client must prove it edits the version
 * it read. The write is a Cosmos DB replace conditioned on the `_etag` that was checked, so of any number of
 * concurrent PATCHes carrying the same ETag exactly one wins and the rest get 412.
 */
export async function updateOrder(
  deps: OrderDeps,
  actor: Actor,
  id: string,
  patch: UpdateOrderInput,
  ctx: WriteContext & { ifMatch?: string | undefined },
): Promise<OrderView> {
  if (ctx.ifMatch === undefined) throw new PreconditionRequiredError();
  const anyVersion = ctx.ifMatch.trim() === '*';
  for (let attempt = 1; ; attempt++) {
    const current = await findVisibleOrder(deps, actor, id);
    if (!ifMatchSatisfied(ctx.ifMatch, current._etag)) throw new PreconditionFailedError();
    if (current.status !== 'pending') {
      throw new OrderStateConflictError(`only a pending order can be edited; this one is ${current.status}`);
    }
    // The merged order must satisfy the create rules (per-currency price caps, unique SKUs).
    const merged = createOrderSchema.safeParse({
      currency: patch.currency ?? current.currency,
      items: patch.items ?? current.items,
      shippingAddress: patch.shippingAddress ?? current.shippingAddress,
    });
    if (!merged.success) {
      const issue = merged.error.issues[0];
      throw new OrderValidationError(fieldOf(issue?.path ?? []), issue?.message ?? 'invalid');
    }
    const content = merged.data;
    const next = nextVersion(
      current,
      { ...content, pricing: priceOrder(content.items, content.currency, content.shippingAddress.country) },
      { type: 'OrderUpdated', at: deps.clock(), correlationId: ctx.correlationId, actor },
    );
    try {
      return toOrderView(await deps.store.replace(next, current._etag));
    } catch (err) {
      // `If-Match: *` asks only that the order exists: a lost race is retried, not reported.
      if (!(err instanceof PreconditionFailedError) || !anyVersion) throw ensureError(err);
      if (attempt >= deps.maxWriteAttempts) throw new OrderContentionError();
    }
  }
}
