import { PipelineError } from '../events/errors';

/** Optimistic concurrency kept losing: the message is retried by Service Bus rather than spinning forever. */
export class ConcurrencyExhaustedError extends PipelineError {
  override readonly name = 'ConcurrencyExhaustedError';
}

/**
 * A transactional batch failed for a reason that is not a lost race (not 404, 409 or 412), or answered
 * something that cannot be read: the message fails, so Service Bus retries and finally dead-letters it.
 */
export class BatchRejectedError extends PipelineError {
  override readonly name = 'BatchRejectedError';
}
