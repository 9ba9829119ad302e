import { SpanKind } from '@opentelemetry/api';
import type { EmailTransport } from '../email/emailTransport';
import { withSpan } from './withSpan';

/** The transport with a client span around every send (no addresses recorded: they are personal data). */
export function tracedEmailTransport(transport: EmailTransport): EmailTransport {
  return {
    name: transport.name,
    send: (email) =>
      withSpan(
        'email send',
        { 'orderflow.email.transport': transport.name, 'orderflow.email.command_id': email.id },
        () => transport.send(email),
        SpanKind.CLIENT,
      ),
    ...(transport.close ? { close: () => transport.close!() } : {}),
  };
}
