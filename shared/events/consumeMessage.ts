import type { ServiceBusMessage } from '@azure/service-bus';
import { type DeliveredMessage, type TransientRetryInit, withTransientRetry } from './retryTransient';
import { getConfig } from '../config/config';
import { getServiceBusSender } from '../platform/processClients';

type PropertyValue = string | number | boolean | Date | null;

function properties(value: unknown): Record<string, PropertyValue> {
  const out: Record<string, PropertyValue> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v instanceof Date || ['string', 'number', 'boolean'].includes(typeof v))
      out[k] = v as PropertyValue;
  }
  return out;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The delivered message from the trigger's body and `context.triggerMetadata` (the extension's binding data). */
export function deliveredMessage(body: unknown, meta: Record<string, unknown> | undefined): DeliveredMessage {
  const m = meta ?? {};
  const subject = text(m.subject) ?? text(m.label);
  const contentType = text(m.contentType);
  const correlationId = text(m.correlationId);
  return {
    body,
    messageId: text(m.messageId) ?? '',
    ...(subject ? { subject } : {}),
    ...(contentType ? { contentType } : {}),
    ...(correlationId ? { correlationId } : {}),
    applicationProperties: properties(m.applicationProperties),
  };
}

/**
 * Handles one message of `queue` with the app's transient-failure policy (`withTransientRetry`): a copy is
 * re-scheduled on the same queue through the process's cached sender. Returns what to log.
 */
export async function consumeMessage(
  queue: string,
  body: unknown,
  meta: Record<string, unknown> | undefined,
  work: () => Promise<string>,
  init: Partial<TransientRetryInit> = {},
): Promise<string> {
  const schedule = async (copy: ServiceBusMessage, at: Date): Promise<void> => {
    const sender = await getServiceBusSender(getConfig(), queue);
    await sender.scheduleMessages(copy, at);
  };
  const outcome = await withTransientRetry(deliveredMessage(body, meta), work, { schedule, ...init });
  if (outcome.kind === 'done') return outcome.value;
  return `dependency unavailable: retry ${outcome.attempt} scheduled for ${outcome.at.toISOString()}`;
}
