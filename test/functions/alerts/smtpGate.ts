import { connect, createServer, type Server, type Socket } from 'node:net';

/** A TCP relay in front of an SMTP server that can refuse the mail of chosen recipients. */
export interface SmtpGate {
  port: number;
  /** Recipients whose mail fails (the connection drops at their RCPT TO) until `unblock`. */
  block(address: string): void;
  unblock(address: string): void;
  close(): Promise<void>;
}

/**
 * Relays SMTP to `smtpPort` byte for byte, except that a session naming a blocked recipient is cut at its
 * `RCPT TO`, so the app's send fails the way a refusing relay makes it fail (nodemailer rejects).
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
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1').toLowerCase();
      if ([...blocked].some((a) => text.includes(`rcpt to:<${a}>`))) {
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
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
