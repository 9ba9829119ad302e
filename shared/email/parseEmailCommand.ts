import { parseMessageBody } from '../events/parseMessageBody';
import { emailCommand, type EmailCommand } from './commands';

/** Decodes a message body into a command; anything invalid is poison (dead-lettered after max deliveries). */
export function parseEmailCommand(body: unknown): EmailCommand {
  return parseMessageBody(body, emailCommand, 'a valid email command');
}
