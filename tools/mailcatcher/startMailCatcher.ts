import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { CaughtMail } from './caughtMail';
import { mailCatcherPage } from './mailCatcherPage';
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
}

export interface MailCatcher {
  smtpPort: number;
  httpPort: number;
  /** The web page, e.g. http://127.0.0.1:1080/ */
  url: string;
  messages(): CaughtMail[];
  waitFor(pred: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function handle(store: MailStore, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (req.method === 'GET' && path === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(mailCatcherPage);
  } else if (req.method === 'GET' && path === '/api/messages') {
    json(res, 200, { items: store.list() });
  } else if (req.method === 'DELETE' && path === '/api/messages') {
    store.clear();
    res.writeHead(204).end();
  } else if (req.method === 'GET' && path.startsWith('/api/messages/')) {
    const mail = store.get(decodeURIComponent(path.slice('/api/messages/'.length)));
    if (mail) json(res, 200, mail);
    else json(res, 404, { error: 'not found' });
  } else {
    json(res, 404, { error: 'not found' });
  }
}

/**
 * A local SMTP server that accepts every mail (no auth, no TLS: loopback only) and keeps it in memory,
 * with a web page and a JSON API (`GET /api/messages`, `GET /api/messages/{id}`, `DELETE /api/messages`)
 * so a developer can read the emails the app sends, and tests can wait for them.
 */
export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const store = new MailStore();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
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
  const http = createServer((req, res) => handle(store, req, res));
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
