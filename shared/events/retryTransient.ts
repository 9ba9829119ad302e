import { createHash } from 'node:crypto';
import type { ServiceBusMessage } from '@azure/service-bus';
import { RetriesExhaustedError, ensureError } from './errors';
import { isTransientError } from './isTransientError';

/** Application properties of a retry copy: its attempt number, when the first failure was, the first messageId. */
export const RETRY_ATTEMPT = 'orderflowRetryAttempt';
export const RETRY_SINCE = 'orderflowRetrySince';
export const RETRY_OF = 'orderflowRetryOf';

/** The message as the trigger delivered it (body as the Functions library decoded it). */
export interface DeliveredMessage {
  body: unknown;
  messageId: string;
  subject?: string;
  contentType?: string;
  correlationId?: string;
  applicationProperties?: Record<string, unknown>;
}

/** Options of {@link withTransientRetry}; the defaults are the app's. */
export interface TransientRetryInit {
  /** Sends `copy` to the same queue, enqueued at `at` (a scheduled message). */
  schedule(copy: ServiceBusMessage, at: Date): Promise<void>;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Waits between in-process tries while the message stays locked. Default 250 ms, 1 s, 3 s. */
  inProcessDelaysMs?: readonly number[];
  /** Delay of the first re-scheduled copy, doubled per attempt. Default 5 s. */
  rescheduleBaseMs?: number;
  /** Longest delay of a copy. Default 60 s. */
  rescheduleMaxMs?: number;
  /** No copy is scheduled once the first failure is this old: the error surfaces and the message dead-letters. Default 15 min. */
  giveUpAfterMs?: number;
}

export type RetryOutcome<T> = { kind: 'done'; value: T } | { kind: 'rescheduled'; attempt: number; at: Date };

const MAX_ID = 128; // Service Bus messageId limit

function copyId(baseId: string, attempt: number): string {
  const suffix = `~retry${attempt}`;
  const base =
    baseId.length + suffix.length <= MAX_ID
      ? baseId
      : createHash('sha256').update(baseId).digest('base64url');
  return `${base}${suffix}`;
}

/**
 * Runs `work` for one delivered message, telling a dependency outage apart from poison.
 * - Poison (any error `isTransientError` rejects) is rethrown at once: the trigger abandons the message and
 *   Service Bus dead-letters it after maxDeliveryCount, which raises one alert.
 * - A transient failure (connection refused/reset, 408/429/449/503, timeouts, contention) is retried in
 *   process; past that, a copy of the message is scheduled on the same queue with a doubling delay and the
 *   call resolves, so the trigger completes the original. Abandoning instead would redeliver at once and spend
 *   maxDeliveryCount within seconds of an outage. Past `giveUpAfterMs` since the first failure the error
 *   surfaces as RetriesExhaustedError and the message takes the poison path.
 *
 * Invariants. No message is lost: the original is completed only after the broker accepted the copy (if the
 * schedule fails, the error surfaces and the original is abandoned, as before). No duplicate side effect: a
 * copy carries the same body, so the consumer's own idempotency (the projection's event version, the email's
 * claim by command id) makes a second handling a no-op. The copy's messageId is `<first messageId>~retry<n>`:
 * new, since both queues detect duplicates by messageId and would drop a copy under the original id, and
 * deterministic, so a crash between scheduling and completing that makes the same attempt schedule twice
 * leaves one copy within the duplicate-detection window.
 */
export async function withTransientRetry<T>(
  msg: DeliveredMessage,
  work: () => Promise<T>,
  init: TransientRetryInit,
): Promise<RetryOutcome<T>> {
  const sleep = init.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const delays = init.inProcessDelaysMs ?? [250, 1000, 3000];
  for (let i = 0; ; i++) {
    try {
      return { kind: 'done', value: await work() };
    } catch (err) {
      if (!isTransientError(err)) throw err;
      const wait = delays[i];
      if (wait === undefined) return reschedule(msg, ensureError(err), init);
      await sleep(wait);
    }
  }
}

async function reschedule<T>(
  msg: DeliveredMessage,
  err: Error,
  init: TransientRetryInit,
): Promise<RetryOutcome<T>> {
  const now = (init.now ?? (() => new Date()))();
  const props = msg.applicationProperties ?? {};
  const attempt = Number(props[RETRY_ATTEMPT] ?? 0) || 0;
  const sinceMs = typeof props[RETRY_SINCE] === 'string' ? Date.parse(props[RETRY_SINCE]) : NaN;
  const since = Number.isFinite(sinceMs) ? new Date(sinceMs) : now;
  if (now.getTime() - since.getTime() >= (init.giveUpAfterMs ?? 15 * 60_000)) {
    throw new RetriesExhaustedError(
      `still failing ${attempt} retries and ${Math.round((now.getTime() - since.getTime()) / 1000)} s after the first failure: ${err.message}`,
      { cause: err },
    );
  }
  const next = attempt + 1;
  const delayMs = Math.min((init.rescheduleBaseMs ?? 5000) * 2 ** attempt, init.rescheduleMaxMs ?? 60_000);
  const baseId = typeof props[RETRY_OF] === 'string' ? props[RETRY_OF] : msg.messageId;
  const at = new Date(now.getTime() + delayMs);
  await init.schedule(
    {
      body: msg.body,
      messageId: copyId(baseId, next),
      ...(msg.subject ? { subject: msg.subject } : {}),
      ...(msg.contentType ? { contentType: msg.contentType } : {}),
      ...(msg.correlationId ? { correlationId: msg.correlationId } : {}),
      applicationProperties: {
        ...(props as ServiceBusMessage['applicationProperties']),
        [RETRY_ATTEMPT]: next,
        [RETRY_SINCE]: since.toISOString(),
        [RETRY_OF]: baseId,
      },
    },
    at,
  );
  return { kind: 'rescheduled', attempt: next, at };
}
