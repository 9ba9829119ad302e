import { connect, createServer, type Server, type Socket } from 'node:net';

/** A TCP relay in front of an SMTP server that can refuse the mail of chosen recipients. */
export interface SmtpGate {
  port: number;
  /** Recipients refused with a permanent `550` at their RCPT TO until `unblock`. */
  block(address: string): void;
  unblock(address: string): void;
  close(): Promise<void>;
}

/**
 * Relays SMTP to `smtpPort` line for line, except that the gate itself answers a blocked recipient's `RCPT TO`
 * with `550 5.1.1` (never forwarded), so the app's send fails as a relay that refuses the mailbox makes it fail:
 * a permanent SMTP failure, which the email sender treats as poison (a dropped connection would be an outage,
 * which it retries later instead: shared/events/isTransientError.ts).
 */
export async function startSmtpGate(smtpPort: number): Promise<SmtpGate> {
  const blocked = new Set<string>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(smtpPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    upstream.pipe(client);
    let pending = '';
    client.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      const end = pending.lastIndexOf('\r\n');
      if (end < 0) return;
      const lines = pending.slice(0, end).split('\r\n');
      pending = pending.slice(end + 2);
      let forward = '';
      for (const line of lines) {
        const lower = line.toLowerCase();
        if (lower.startsWith('rcpt to:') && [...blocked].some((a) => lower.includes(`<${a}>`))) {
          client.write('550 5.1.1 Mailbox unavailable (blocked by the test gate)\r\n');
        } else {
          forward += `${line}\r\n`;
        }
      }
      if (forward) upstream.write(Buffer.from(forward, 'latin1'));
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    block: (a) => blocked.add(a.toLowerCase()),
    unblock: (a) => blocked.delete(a.toLowerCase()),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
