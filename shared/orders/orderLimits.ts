import { currencies } from './currencies';

/**
 * The API's limits on an order, shared by the input schemas and by the integration-event schema the
 * consumers parse with: a consumer never accepts from the queue what the API would refuse.
 */
export const orderLimits = Object.freeze({
  maxLineItems: 50,
  maxQuantity: 999,
  /** The highest per-currency cap; each currency's own cap (`currencies.ts`) is checked too. */
  maxUnitPrice: Math.max(...Object.values(currencies).map((c) => c.maxUnitPrice)),
  /** Item names, in code points (safeText). */
  maxItemName: 200,
  sku: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
});
