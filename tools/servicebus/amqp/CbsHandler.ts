import type { Message } from 'rhea';
import { amqpInt } from './amqpInt';

/**
 * `$cbs` put-token. The emulator has no identities: every token is accepted, as the official emulator does, so a
 * connection string with any SharedAccessKey works. Replies use the dashed keys of the CBS spec (unlike $management).
 */
export function handleCbs(request: Message): Record<string, unknown> {
  const props = (request.application_properties ?? {}) as Record<string, unknown>;
  if (props.operation !== 'put-token') {
    return {
      application_properties: {
        'status-code': amqpInt(501),
        'status-description': `Unsupported CBS operation '${String(props.operation)}'.`,
      },
    };
  }
  return { application_properties: { 'status-code': amqpInt(202), 'status-description': 'Accepted' } };
}
