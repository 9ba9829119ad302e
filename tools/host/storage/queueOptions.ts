import { HostError } from '../errors';
import { parseTimeSpanMs } from '../timeSpan';

/** host.json `extensions.queues`, with the storage queue extension's (v5) defaults. */
export interface QueueHostOptions {
  /** Messages fetched per poll (1-32). Default 16. */
  batchSize: number;
  /** A new batch is fetched once in-flight messages drop to this. Default batchSize / 2. */
  newBatchThreshold: number;
  /** An idle queue is polled at growing intervals from 100 ms up to this. Default 1 minute. */
  maxPollingIntervalMs: number;
  /** How long a failed message stays invisible before its next try. Default 0. */
  visibilityTimeoutMs: number;
  /** Tries before a message goes to `<queue>-poison`. Default 5. */
  maxDequeueCount: number;
  /** `base64` (default) or `none`: how message text is encoded, read and written. */
  messageEncoding: 'base64' | 'none';
}

/** The extension's floor for the polling interval (QueuePollingIntervals.Minimum); host.json cannot change it. */
export const MIN_POLLING_INTERVAL_MS = 100;

function int(v: unknown, name: string, fallback: number, min: number, max: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new HostError(`host.json extensions.queues.${name} must be an integer from ${min} to ${max}.`);
  return n;
}

/** A TimeSpan string, or (as older host.json files write it) a number of milliseconds. */
function span(v: unknown, name: string, fallbackMs: number): number {
  if (v === undefined) return fallbackMs;
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? parseTimeSpanMs(v) : undefined;
  if (ms === undefined || ms < 0)
    throw new HostError(`host.json extensions.queues.${name} must be a TimeSpan such as "00:00:30".`);
  return ms;
}

export function queueOptions(hostJson: Record<string, unknown>): QueueHostOptions {
  const ext = hostJson.extensions as Record<string, unknown> | undefined;
  const o = (ext?.queues as Record<string, unknown> | undefined) ?? {};
  const batchSize = int(o.batchSize, 'batchSize', 16, 1, 32);
  const encoding =
    typeof o.messageEncoding === 'string'
      ? o.messageEncoding.toLowerCase()
      : o.messageEncoding === undefined
        ? 'base64'
        : '';
  if (encoding !== 'base64' && encoding !== 'none')
    throw new HostError('host.json extensions.queues.messageEncoding must be "base64" or "none".');
  return {
    batchSize,
    newBatchThreshold: int(o.newBatchThreshold, 'newBatchThreshold', Math.floor(batchSize / 2), 0, 10_000),
    maxPollingIntervalMs: Math.max(
      MIN_POLLING_INTERVAL_MS,
      span(o.maxPollingInterval, 'maxPollingInterval', 60_000),
    ),
    visibilityTimeoutMs: span(o.visibilityTimeout, 'visibilityTimeout', 0),
    maxDequeueCount: int(o.maxDequeueCount, 'maxDequeueCount', 5, 1, 10_000),
    messageEncoding: encoding,
  };
}
