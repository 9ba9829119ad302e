import type { ServiceBusSender } from '@azure/service-bus';
import { emailCommand, type AuthEmailCommand } from '../email/commands';
import { ensureErrorType } from '../http/errors';
import { EmailUnavailableError } from './errors';

/** Where the auth service hands email to the email service. */
export interface EmailCommandSender {
  send(command: AuthEmailCommand): Promise<void>;
}

/**
 * Sends commands to the `emails` queue. messageId = command id, so the queue's duplicate detection drops
 * a resend of the same command. The command is validated against the shared contract before it leaves.
 */
export class ServiceBusEmailSender implements EmailCommandSender {
  readonly #sender: Pick<ServiceBusSender, 'sendMessages'>;
  readonly #timeoutMs: number;

  /** `timeoutMs` (default 10 s) bounds the SDK's own retries, so a caller waiting on HTTP gets a 503, not a hang. */
  constructor(init: { sender: Pick<ServiceBusSender, 'sendMessages'>; timeoutMs?: number }) {
    this.#sender = init.sender;
    this.#timeoutMs = init.timeoutMs ?? 10_000;
  }

  async send(command: AuthEmailCommand): Promise<void> {
    const body = emailCommand.parse(command);
    try {
      await this.#sender.sendMessages(
        {
          messageId: body.id,
          body,
          contentType: 'application/json',
          subject: body.type,
          ...(body.correlationId ? { correlationId: body.correlationId } : {}),
        },
        { abortSignal: AbortSignal.timeout(this.#timeoutMs) },
      );
    } catch (err) {
      const e = ensureErrorType(err);
      throw new EmailUnavailableError(`${e.name}: ${e.message}`);
    }
  }
}
