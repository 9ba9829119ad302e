import { BindingConfigError } from '../errors';

export interface EntityAddress {
  /** Queue name, or topic name when `subscription` is set. */
  entity: string;
  subscription?: string;
  subQueueType?: 'deadLetter' | 'transferDeadLetter';
  /** For logs: `orders/$DeadLetterQueue`, `topic/Subscriptions/sub`. */
  display: string;
}

// Longest suffix first: the transfer dead-letter path also ends with `/$deadletterqueue`.
const SUBQUEUES: Array<[suffix: string, type: EntityAddress['subQueueType']]> = [
  ['/$transfer/$deadletterqueue', 'transferDeadLetter'],
  ['/$deadletterqueue', 'deadLetter'],
];

function split(name: string): { base: string; subQueueType?: EntityAddress['subQueueType'] } {
  const lower = name.toLowerCase();
  for (const [suffix, type] of SUBQUEUES) {
    if (lower.endsWith(suffix)) return { base: name.slice(0, -suffix.length), subQueueType: type };
  }
  return { base: name };
}

/**
 * Where a Service Bus trigger listens. `orders/$DeadLetterQueue` (and `sub/$DeadLetterQueue` for a subscription)
 * is the dead-letter sub-queue, which the SDK addresses with `subQueueType`, not by path.
 */
export function entityAddress(functionName: string, options: Record<string, unknown>): EntityAddress {
  const queue = options.queueName;
  const topic = options.topicName;
  const sub = options.subscriptionName;
  if (typeof queue === 'string' && queue !== '') {
    const { base, subQueueType } = split(queue);
    return { entity: base, ...(subQueueType ? { subQueueType } : {}), display: queue };
  }
  if (typeof topic === 'string' && topic !== '' && typeof sub === 'string' && sub !== '') {
    const { base, subQueueType } = split(sub);
    return {
      entity: topic,
      subscription: base,
      ...(subQueueType ? { subQueueType } : {}),
      display: `${topic}/Subscriptions/${sub}`,
    };
  }
  throw new BindingConfigError(
    functionName,
    'a Service Bus trigger needs queueName, or topicName and subscriptionName',
  );
}
