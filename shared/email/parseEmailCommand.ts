import { emailCommand, type EmailCommand } from './commands';
import { PoisonMessageError } from '../events/errors';

/** Decodes a message body into a command; anything invalid is poison (dead-lettered after max deliveries). */
export function parseEmailCommand(body: unknown): EmailCommand {
  let value = body;
  if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new PoisonMessageError('email command body is not JSON');
    }
  }
  const parsed = emailCommand.safeParse(value);
  if (!parsed.success) {
    throw new PoisonMessageError(
      'not a valid email command',
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}
