import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { CaughtMail } from './caughtMail';
import { guardHandler } from './guardHandler';
import { mailCatcherRoutes } from './mailCatcherRoutes';
import { MailStore } from './mailStore';
import { parseMail } from './parseMail';

/** Options of startMailCatcher. */
export interface MailCatcherOptions {
  /** SMTP port. Default 1025; 0 = ephemeral. */
  smtpPort?: number;
  /** Web page and JSON API port. Default 1080; 0 = ephemeral. */
  httpPort?: number;
  /** Address to bind. Default 127.0.0.1. */
  host?: string;
  /** Mails kept in memory; past it the oldest are evicted (and counted). Default 1000. */
  maxMails?: number;
  /** Largest mail accepted over SMTP, in bytes; a larger one is refused with 552. Default 10 MiB. */
  maxMailBytes?: number;
}

export interface MailCatcher {
  smtpPort: number;
  httpPort: number;
  /** The web page, e.g. http://127.0.0.1:1080/ */
  url: string;
  messages(): CaughtMail[];
  /** Mails dropped because more than maxMails arrived. */
  evicted(): number;
  waitFor(pred: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

/**
 * A local SMTP server that accepts every mail (no auth, no TLS: loopback only) and keeps it in memory,
 * with a web page and a JSON API (`GET /api/messages`, `GET /api/messages/{id}`, `DELETE /api/messages`)
 * so a developer can read the emails the app sends, and tests can wait for them.
 */
export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const store = new MailStore(opts.maxMails ?? 1000);
  const maxBytes = opts.maxMailBytes ?? 10 * 1024 * 1024;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: maxBytes,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      // Past the limit the rest is read and dropped (smtp-server must see the end of DATA to answer 552).
      stream.on('data', (c: Buffer) => {
        bytes += c.length;
        if (bytes <= maxBytes) chunks.push(c);
      });
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > maxBytes) {
          chunks.length = 0;
          callback(Object.assign(new Error(`message exceeds ${maxBytes} bytes`), { responseCode: 552 }));
          return;
        }
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        parseMail(Buffer.concat(chunks), envelope, new Date()).then(
          (mail) => {
            store.add(mail);
            callback();
          },
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      });
    },
  });
  // A client that vanishes mid-session (a killed Functions host, a reset socket) makes smtp-server emit
  // 'error'; unheard, that would crash the process hosting the catcher. The session is simply over.
  smtp.on('error', () => undefined);
  const http = createServer(guardHandler(mailCatcherRoutes(store), (l) => console.error(`[mail] ${l}`)));
  const listen = (
    server: {
      listen: (port: number, host: string, cb: () => void) => unknown;
      once: (e: string, cb: (err: Error) => void) => unknown;
    },
    port: number,
  ) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  await listen(smtp.server, opts.smtpPort ?? 1025);
  try {
    await listen(http, opts.httpPort ?? 1080);
  } catch (err) {
    await new Promise<void>((r) => smtp.close(() => r()));
    throw err;
  }
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (http.address() as AddressInfo).port;
  let closed = false;
  return {
    smtpPort,
    httpPort,
    url: `http://${host}:${httpPort}/`,
    messages: () => store.list(),
    evicted: () => store.evicted,
    waitFor: (pred, timeoutMs) => store.waitFor(pred, timeoutMs),
    async close() {
      if (closed) return;
      closed = true;
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((r) => smtp.close(() => r())),
        new Promise<void>((r) => http.close(() => r())),
      ]);
    },
  };
}
