/**
 * The broker's wire errors: one class, one factory. Conditions and status codes are the ones Azure Service Bus
 * puts on the wire, so @azure/core-amqp maps them to the SDK's own codes (ConditionErrorNameMapper and
 * service-bus' wellKnownMessageCodesToServiceBusCodes).
 */
export class ServiceBusEmulatorError extends Error {
  override readonly name = 'ServiceBusEmulatorError';
  constructor(
    readonly condition: string,
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }

  /** The AMQP error object for detach, settlement and rejected outcomes. */
  toAmqpError(): { condition: string; description: string } {
    return { condition: this.condition, description: this.message };
  }
}

const make = (condition: string, statusCode: number, message: string): ServiceBusEmulatorError =>
  new ServiceBusEmulatorError(condition, statusCode, message);

export const brokerErrors = {
  /** SDK: MessagingEntityNotFound (core-amqp matches the description pattern too). */
  entityNotFound: (name: string) =>
    make('amqp:not-found', 404, `The messaging entity '${name}' could not be found.`),
  /** SDK: MessageLockLost. */
  messageLockLost: () =>
    make(
      'com.microsoft:message-lock-lost',
      410,
      'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.',
    ),
  /** SDK: SessionLockLost. */
  sessionLockLost: (sessionId: string) =>
    make('com.microsoft:session-lock-lost', 410, `The session lock for session '${sessionId}' was lost.`),
  /** SDK: SessionCannotBeLocked. */
  sessionCannotBeLocked: (sessionId: string) =>
    make(
      'com.microsoft:session-cannot-be-locked',
      410,
      `The requested session '${sessionId}' cannot be accepted. It may be locked by another receiver.`,
    ),
  /** SDK: MessageNotFound. */
  messageNotFound: (what: string) =>
    make('com.microsoft:message-not-found', 404, `Failed to lock one or more specified messages. ${what}`),
  /** SDK: ServiceTimeout. */
  timeout: (what: string) =>
    make('com.microsoft:timeout', 408, `The operation did not complete within the allotted timeout. ${what}`),
  /** SDK: MessageSizeExceeded. */
  messageSizeExceeded: (size: number, max: number) =>
    make(
      'amqp:link:message-size-exceeded',
      403,
      `The received message (size ${size} bytes) exceeds the limit (${max} bytes) currently allowed on the link.`,
    ),
  /** SDK: QuotaExceeded. */
  quotaExceeded: (entity: string, maxMegabytes: number) =>
    make(
      'amqp:resource-limit-exceeded',
      403,
      `The maximum entity size has been reached or exceeded for '${entity}' (maxSizeInMegabytes ${maxMegabytes}).`,
    ),
  /** A client that takes no replies (no credit on its reply link, or never settles them) past the session limit. */
  repliesNotTaken: (limit: number) =>
    make(
      'amqp:resource-limit-exceeded',
      403,
      `${limit} replies are waiting for this client (no credit on its reply link, or it never settles them).`,
    ),
  /** SDK: GeneralError with NotImplementedError: an operation this emulator does not support. */
  notImplemented: (what: string) =>
    make('amqp:not-implemented', 501, `${what} is not supported by the offline Service Bus emulator.`),
  /** SDK: ArgumentError. */
  badRequest: (what: string) => make('com.microsoft:argument-error', 400, what),
  /** SDK: InvalidOperation. */
  notAllowed: (what: string) => make('amqp:not-allowed', 400, what),
  internal: (what: string) => make('amqp:internal-error', 500, what),
};

/** Normalises anything thrown into an Error. */
export function ensureError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(typeof err === 'string' ? err : JSON.stringify(err));
}

/** Normalises anything thrown into a wire error (unknown failures become amqp:internal-error). */
export function toWireError(err: unknown): ServiceBusEmulatorError {
  if (err instanceof ServiceBusEmulatorError) return err;
  return brokerErrors.internal(ensureError(err).message);
}
