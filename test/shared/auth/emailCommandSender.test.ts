import type { ServiceBusMessage } from '@azure/service-bus';
import { ServiceBusEmailSender } from '../../../shared/auth/emailCommandSender';
import { EmailUnavailableError } from '../../../shared/auth/errors';
import type { PasswordResetCommand } from '../../../shared/email/commands';

const command: PasswordResetCommand = {
  id: 'cmd-1',
  type: 'passwordReset',
  to: 'ann@orderflow.test',
  token: 'T'.repeat(43),
  expiresAt: '2026-03-01T13:00:00.000Z',
  createdAt: '2026-03-01T12:00:00.000Z',
  correlationId: 'req-1',
};

describe('ServiceBusEmailSender', () => {
  it('sends the validated command with messageId = command id', async () => {
    const sent: ServiceBusMessage[] = [];
    const sender = new ServiceBusEmailSender({
      sender: { sendMessages: (m) => Promise.resolve(void sent.push(m as ServiceBusMessage)) },
    });
    await sender.send(command);
    expect(sent).toEqual([
      {
        messageId: 'cmd-1',
        body: command,
        contentType: 'application/json',
        subject: 'passwordReset',
        correlationId: 'req-1',
      },
    ]);
  });

  it('refuses a command that breaks the shared contract, sending nothing', async () => {
    const sendMessages = jest.fn();
    const sender = new ServiceBusEmailSender({ sender: { sendMessages } });
    await expect(sender.send({ ...command, to: 'not an email' })).rejects.toThrow();
    expect(sendMessages).not.toHaveBeenCalled();
  });

  it('gives up after its timeout with EmailUnavailableError (the SDK call is aborted)', async () => {
    let aborted = false;
    const sender = new ServiceBusEmailSender({
      timeoutMs: 30,
      sender: {
        sendMessages: (_m, options) =>
          new Promise((_resolve, reject) =>
            options?.abortSignal?.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('The operation was aborted.'));
            }),
          ),
      },
    });
    await expect(sender.send(command)).rejects.toBeInstanceOf(EmailUnavailableError);
    expect(aborted).toBe(true);
  });
});
