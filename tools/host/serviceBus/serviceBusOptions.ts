import { HostError } from '../errors';
import { parseTimeSpanMs } from '../timeSpan';

/** host.json `extensions.serviceBus`, with the extension's defaults. */
export interface ServiceBusHostOptions {
  maxConcurrentCalls: number;
  autoCompleteMessages: boolean;
  maxAutoLockRenewalDurationMs: number;
  /** Accepted for compatibility; the JS SDK grants link credit itself (see the README). */
  prefetchCount: number;
  maxMessageBatchSize: number;
  /** How long a batch receive waits for the first message. */
  maxBatchWaitTimeMs: number;
  /** Sessions locked at once by a session-enabled trigger. */
  maxConcurrentSessions: number;
  /** An idle session is released after this long (default 1 s here, so other sessions get their turn). */
  sessionIdleTimeoutMs: number;
}

function num(v: unknown, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new HostError(`host.json extensions.serviceBus.${name} must be a non-negative integer.`);
  return n;
}

function span(v: unknown, name: string, fallbackMs: number): number {
  if (v === undefined) return fallbackMs;
  const ms = typeof v === 'string' ? parseTimeSpanMs(v) : undefined;
  if (ms === undefined)
    throw new HostError(`host.json extensions.serviceBus.${name} must be a TimeSpan such as "00:05:00".`);
  return ms;
}

export function serviceBusOptions(hostJson: Record<string, unknown>): ServiceBusHostOptions {
  const ext = (hostJson.extensions as Record<string, unknown> | undefined)?.serviceBus as
    Record<string, unknown> | undefined;
  const o = ext ?? {};
  return {
    // The extension's default is 16 per core; one host process here, so 16.
    maxConcurrentCalls: Math.max(1, num(o.maxConcurrentCalls, 'maxConcurrentCalls', 16)),
    autoCompleteMessages: o.autoCompleteMessages === undefined ? true : o.autoCompleteMessages === true,
    maxAutoLockRenewalDurationMs: span(
      o.maxAutoLockRenewalDuration,
      'maxAutoLockRenewalDuration',
      5 * 60_000,
    ),
    prefetchCount: num(o.prefetchCount, 'prefetchCount', 0),
    maxMessageBatchSize: Math.max(1, num(o.maxMessageBatchSize, 'maxMessageBatchSize', 1000)),
    maxBatchWaitTimeMs: span(o.maxBatchWaitTime, 'maxBatchWaitTime', 1000),
    maxConcurrentSessions: Math.max(1, num(o.maxConcurrentSessions, 'maxConcurrentSessions', 8)),
    sessionIdleTimeoutMs: span(o.sessionIdleTimeout, 'sessionIdleTimeout', 1000),
  };
}
