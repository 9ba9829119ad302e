import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CountingSmtp {
  port: number;
  /** Emails received per `X-Orderflow-Command-Id` (the email command that caused each). */
  byCommand: Map<string, number>;
  /** Every email received, duplicates included. */
  total(): number;
  /**
   * Orders with their first order email received: a confirmation, or for an order cancelled before the relay saw
   * it (no confirmation is sent then), its status email. Command ids are `<orderId>:<version>:<type>`.
   */
  ordersMailed(): number;
  close(): Promise<void>;
}

const HEADER = /^x-orderflow-command-id:\s*(.+)$/im;

/**
 * The soak's SMTP server: accepts every mail and counts it by the command id header the app's SMTP transport
 * sets, keeping nothing else. The mail catcher of `npm run dev` keeps whole mails in memory (and a capped
 * number of them), so it can neither hold nor count the hundreds of thousands a soak sends.
 */
export async function startCountingSmtp(): Promise<CountingSmtp> {
  const byCommand = new Map<string, number>();
  let total = 0;
  const mailedOrders = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Only the headers matter: read until the blank line, drain the rest.
    onData(stream, _session, done) {
      let head = '';
      let inBody = false;
      stream.on('data', (chunk: Buffer) => {
        if (inBody) return;
        head += chunk.toString('latin1');
        const end = head.search(/\r?\n\r?\n/);
        if (end >= 0) {
          head = head.slice(0, end);
          inBody = true;
        }
      });
      stream.on('end', () => {
        total += 1;
        const id = HEADER.exec(head)?.[1]?.trim() ?? '(no command id)';
        if (id.endsWith(':orderConfirmation') || id.endsWith(':orderStatusChanged'))
          mailedOrders.add(id.split(':')[0] ?? id);
        byCommand.set(id, (byCommand.get(id) ?? 0) + 1);
        done();
      });
    },
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  // smtp-server logs socket errors as 'error' events; a client vanishing mid-mail (a killed host) is expected.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    byCommand,
    total: () => total,
    ordersMailed: () => mailedOrders.size,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
