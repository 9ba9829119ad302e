import { MessageState, reportedState, type StoredMessage } from '../broker/StoredMessage';
import { encodeDeliveryPrefix, wrapInt, wrapLong } from './rheaCodec';

export interface DeliveryExtras {
  /** Adds x-opt-locked-until (peekLock deliveries). */
  locked: boolean;
  /**
   * Adds x-opt-message-state (peek results) even when 0 (active); 1 deferred and 2 scheduled are sent on every
   * delivery, since the SDKs read a missing annotation as active.
   */
  withState?: boolean;
}

/**
 * The wire form of a stored message: a fresh header and message annotations (sequence number, enqueued time,
 * lock expiry) followed by the sender's bare message bytes, untouched.
 */
export function encodeDelivery(m: StoredMessage, extras: DeliveryExtras): Buffer {
  const header: Record<string, unknown> = {
    durable: m.durable,
    delivery_count: m.deliveryCount,
  };
  if (m.firstAcquirer !== undefined) header.first_acquirer = m.firstAcquirer;
  if (m.priority !== undefined) header.priority = m.priority;
  // The effective TTL (the entity default caps the sender's), as Azure reports it; header.ttl is a uint.
  const ttl = m.expiresAt !== Infinity ? m.expiresAt - m.enqueuedAt : m.ttlMs;
  if (ttl !== undefined) header.ttl = Math.min(ttl, 0xffffffff);
  const annotations: Record<string, unknown> = {
    ...m.annotations,
    'x-opt-sequence-number': wrapLong(m.seq),
    'x-opt-enqueued-time': new Date(m.enqueuedAt),
  };
  if (extras.locked) annotations['x-opt-locked-until'] = new Date(m.lockedUntil);
  if (m.deadLetterSource !== undefined) annotations['x-opt-deadletter-source'] = m.deadLetterSource;
  const state = reportedState(m);
  if (extras.withState || state !== MessageState.Active) annotations['x-opt-message-state'] = wrapInt(state);
  if (state === MessageState.Scheduled && m.scheduledAt)
    annotations['x-opt-scheduled-enqueue-time'] = new Date(m.scheduledAt);
  return Buffer.concat([encodeDeliveryPrefix(header, annotations), m.bare]);
}
