/** Lifecycle states of an order; see `statusMachine.ts` for the allowed transitions. */
export const orderStatuses = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export interface OrderItem {
  sku: string;
  name: string;
  /** Net (tax-exclusive) price of one unit, integer minor units of the order currency. */
  unitPrice: number;
  quantity: number;
}

export interface ShippingAddress {
  line1: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case; the tax rate follows it. */
  country: string;
}

/** Integer minor units; invariant: total = subtotal - discount + tax + shipping. */
export interface Pricing {
  subtotal: number;
  discount: number;
  tax: number;
  shipping: number;
  total: number;
}

export interface StatusHistoryEntry {
  status: OrderStatus;
  at: string;
  /** Id of the user who made the change. */
  by: string;
}

export type OrderChangeType = 'OrderCreated' | 'OrderUpdated' | 'OrderStatusChanged' | 'OrderCancelled';

/** What the latest write did; the relay turns it into the integration event of this version. */
export interface LastChange {
  type: OrderChangeType;
  at: string;
  /** Request id of the HTTP request that made the change. */
  correlationId: string;
  by: string;
}

/** The Order document (database `orders`, container `orders`, partition key /customerId). */
export interface Order {
  id: string;
  customerId: string;
  customerEmail: string;
  /** The customer's address was verified when the order was placed; order mails go only to verified addresses. */
  customerEmailVerified?: boolean;
  status: OrderStatus;
  items: OrderItem[];
  currency: string;
  shippingAddress: ShippingAddress;
  pricing: Pricing;
  statusHistory: StatusHistoryEntry[];
  createdAt: string;
  updatedAt: string;
  /** 1 on create, +1 on every write: `<id>:<version>` is the messageId of the integration event. */
  version: number;
  lastChange: LastChange;
  cancelled?: true;
  /** W3C trace context of the write that made this version (tracing on): the relay's span continues it. */
  traceparent?: string;
}

/** An order as stored, with the Cosmos DB system properties the API relies on. */
export interface StoredOrder extends Order {
  _etag: string;
}
