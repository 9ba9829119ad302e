import { connect } from 'node:net';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { commonJsExports } from '../platform/commonJsExports';
import { coalesceWrites } from '../platform/coalesceWrites';
import type { EmailTransport } from './emailTransport';

/**
 * A pooled transport unless the URL says otherwise (`?pool=false`): one SMTP connection per email costs a
 * TCP handshake, EHLO and QUIT each time, and was the slowest stage of the pipeline. nodemailer's pool keeps up
 * to `maxConnections` (default 5) open and reconnects after the server drops one.
 */
export function pooledUrl(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('pool')) u.searchParams.set('pool', 'true');
  return u.toString();
}

/** nodemailer's defaults when the URL names no port or host (smtp-connection). */
const DEFAULT_PORT = { plain: 587, secure: 465 };
const CONNECT_TIMEOUT_MS = 120_000;

/**
 * Opens each SMTP connection with Nagle's algorithm off (nodemailer leaves it on), its writes coalesced per turn of
 * the event loop (coalesceWrites: a message's MIME pieces leave in one segment, not one each). nodemailer writes a message in
 * several small pieces; with Nagle on, the second waits for the server's ACK of the first, which the server
 * delays (up to 40 ms) while it waits for the rest of DATA: every email stalled about 40 ms on its connection, so
 * a pool of 5 connections sent about 100 emails per second whatever the CPU (measured: 97/s, 518/s without the
 * stall, `bench/email/emailThroughput.ts`). TLS (smtps, STARTTLS) is layered on this socket by nodemailer as before.
 */
function noDelaySocket(
  options: SMTPPool.Options,
  callback: (err: Error | null, socketOptions?: { connection: ReturnType<typeof connect> }) => void,
): void {
  const port = Number(options.port) || (options.secure ? DEFAULT_PORT.secure : DEFAULT_PORT.plain);
  const socket = connect({ host: options.host ?? 'localhost', port, noDelay: true });
  const fail = (err: Error) => {
    socket.destroy();
    callback(err);
  };
  socket.setTimeout(options.connectionTimeout ?? CONNECT_TIMEOUT_MS, () =>
    fail(Object.assign(new Error('SMTP connection timed out'), { code: 'ETIMEDOUT' })),
  );
  socket.once('error', fail);
  coalesceWrites(socket);
  socket.once('connect', () => {
    socket.off('error', fail);
    socket.setTimeout(0);
    callback(null, { connection: socket });
  });
}

/** SMTP through nodemailer: the local mail catcher offline (SMTP_URL), or any relay. */
export async function smtpTransport(url: string): Promise<EmailTransport> {
  // nodemailer is CommonJS.
  const nodemailer = commonJsExports(await import('nodemailer'));
  const { parseConnectionUrl } = commonJsExports(await import('nodemailer/lib/shared'));
  const transporter = nodemailer.createTransport({
    ...(parseConnectionUrl(pooledUrl(url)) as SMTPPool.Options),
    getSocket: noDelaySocket,
  });
  return {
    name: 'smtp',
    async send(email) {
      const info = await transporter.sendMail({
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        // Recipients (and our tests) can see which command caused the email.
        headers: { 'X-Orderflow-Command-Id': email.id },
      });
      return { providerMessageId: String(info.messageId) };
    },
    close() {
      transporter.close();
      return Promise.resolve();
    },
  };
}
