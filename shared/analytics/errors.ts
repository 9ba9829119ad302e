import { PipelineError } from '../events/errors';

/** Optimistic concurrency kept losing: the message is retried by Service Bus rather than spinning forever. */
export class ConcurrencyExhaustedError extends PipelineError {
  override readonly name = 'ConcurrencyExhaustedError';
}
