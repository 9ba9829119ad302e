/** Base of the event pipeline's errors: anything that stops a message or change from being handled. */
export class PipelineError extends Error {
  override readonly name: string = 'PipelineError';
}

/**
 * A message that can never be handled as it is (bad schema, unknown type or schema version).
 * Consumers throw it so Service Bus retries and finally dead-letters the message: never completed silently.
 */
export class PoisonMessageError extends PipelineError {
  override readonly name = 'PoisonMessageError';
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(details.length > 0 ? `${message}: ${details.join('; ')}` : message);
  }
}

/** A change-feed document that is not an order the relay can publish. */
export class InvalidOrderDocumentError extends PipelineError {
  override readonly name = 'InvalidOrderDocumentError';
}

/** A message does not fit in an empty Service Bus batch (over the entity's maximum size). */
export class MessageTooLargeError extends PipelineError {
  override readonly name = 'MessageTooLargeError';
}

/** Normalises anything caught into an Error, as the Functions library's ensureErrorType does. */
export function ensureError(err: unknown): Error {
  if (err instanceof Error) return err;
  if (typeof err === 'string') return new Error(err);
  try {
    return new Error(JSON.stringify(err));
  } catch {
    return new Error(String(err));
  }
}

/** A message kept failing on an unavailable dependency past the retry budget: left to dead-letter. */
export class RetriesExhaustedError extends PipelineError {
  override readonly name = 'RetriesExhaustedError';
}
