import type { ServiceBusSender } from '@azure/service-bus';
import { passwordResetCommand, type PasswordResetCommand } from '../email/commands';

/** Where the auth service hands email to the email service. */
export interface EmailCommandSender {
  send(command: PasswordResetCommand): Promise<void>;
}

/**
 * Sends commands to the `emails` queue. messageId = command id, so the queue's duplicate detection drops
 * a resend of the same command. The command is validated against the shared contract before it leaves.
 */
export class ServiceBusEmailSender implements EmailCommandSender {
  readonly #sender: Pick<ServiceBusSender, 'sendMessages'>;

  constructor(init: { sender: Pick<ServiceBusSender, 'sendMessages'> }) {
    this.#sender = init.sender;
  }

  async send(command: PasswordResetCommand): Promise<void> {
    const body = passwordResetCommand.parse(command);
    await this.#sender.sendMessages({
      messageId: body.id,
      body,
      contentType: 'application/json',
      subject: body.type,
      ...(body.correlationId ? { correlationId: body.correlationId } : {}),
    });
  }
}
