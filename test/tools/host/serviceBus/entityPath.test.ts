import { BindingConfigError } from '../../../../tools/host/errors';
import { entityAddress } from '../../../../tools/host/serviceBus/entityPath';
import { serviceBusOptions } from '../../../../tools/host/serviceBus/serviceBusOptions';

describe('entityAddress', () => {
  it('addresses a queue, its dead-letter and transfer dead-letter sub-queues', () => {
    expect(entityAddress('f', { queueName: 'orders' })).toEqual({ entity: 'orders', display: 'orders' });
    expect(entityAddress('f', { queueName: 'orders/$DeadLetterQueue' })).toEqual({
      entity: 'orders',
      subQueueType: 'deadLetter',
      display: 'orders/$DeadLetterQueue',
    });
    expect(entityAddress('f', { queueName: 'orders/$deadletterqueue' }).subQueueType).toBe('deadLetter');
    expect(entityAddress('f', { queueName: 'orders/$Transfer/$DeadLetterQueue' }).subQueueType).toBe(
      'transferDeadLetter',
    );
  });

  it('addresses a topic subscription and its dead-letter sub-queue', () => {
    expect(entityAddress('f', { topicName: 't', subscriptionName: 's' })).toMatchObject({
      entity: 't',
      subscription: 's',
    });
    expect(entityAddress('f', { topicName: 't', subscriptionName: 's/$DeadLetterQueue' })).toMatchObject({
      entity: 't',
      subscription: 's',
      subQueueType: 'deadLetter',
    });
  });

  it('needs a queue or a topic and subscription', () => {
    expect(() => entityAddress('f', { topicName: 't' })).toThrow(BindingConfigError);
  });
});

describe('serviceBusOptions', () => {
  it("applies the extension's defaults", () => {
    expect(serviceBusOptions({})).toEqual({
      maxConcurrentCalls: 16,
      autoCompleteMessages: true,
      maxAutoLockRenewalDurationMs: 300_000,
      prefetchCount: 0,
      maxMessageBatchSize: 1000,
      maxBatchWaitTimeMs: 1000,
      maxConcurrentSessions: 8,
      sessionIdleTimeoutMs: 1000,
    });
  });

  it('reads host.json extensions.serviceBus', () => {
    const o = serviceBusOptions({
      extensions: {
        serviceBus: {
          maxConcurrentCalls: 4,
          autoCompleteMessages: false,
          maxAutoLockRenewalDuration: '00:01:30',
          prefetchCount: 20,
          maxMessageBatchSize: 50,
        },
      },
    });
    expect(o).toMatchObject({
      maxConcurrentCalls: 4,
      autoCompleteMessages: false,
      maxAutoLockRenewalDurationMs: 90_000,
      prefetchCount: 20,
      maxMessageBatchSize: 50,
    });
  });

  it('rejects malformed values', () => {
    expect(() =>
      serviceBusOptions({ extensions: { serviceBus: { maxAutoLockRenewalDuration: '5 minutes' } } }),
    ).toThrow();
    expect(() => serviceBusOptions({ extensions: { serviceBus: { maxConcurrentCalls: -1 } } })).toThrow();
  });
});
