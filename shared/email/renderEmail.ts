import { accountPagePaths } from '../http/accountPages';
import { formatMoney } from '../orders/formatMoney';
import { orderNumber } from '../orders/orderNumber';
import type { EmailCommand } from './commands';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface RenderInit {
  /** APP_BASE_URL: links in emails point here. */
  appBaseUrl: string;
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export { formatMoney } from '../orders/formatMoney';

function page(title: string, paragraphs: string[], link?: { href: string; label: string }): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join('');
  const button = link
    ? `<p><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:10px 18px;background:#2563eb;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(link.label)}</a></p>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111827;max-width:560px;margin:auto;padding:24px"><h1 style="font-size:20px">${escapeHtml(title)}</h1>${body}${button}<p style="color:#6b7280;font-size:12px">orderflow</p></body></html>`;
}

function mail(subject: string, paragraphs: string[], link?: { href: string; label: string }): RenderedEmail {
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.href}`] : []), '', '-- orderflow'].join(
    '\n\n',
  );
  return { subject, text, html: page(subject, paragraphs, link) };
}

/** Text and HTML of every email the service sends. Every value from a command is escaped in HTML. */
export function renderEmail(command: EmailCommand, init: RenderInit): RenderedEmail {
  const base = init.appBaseUrl.replace(/\/+$/, '');
  switch (command.type) {
    case 'passwordReset': {
      // The token in the fragment: never sent to a server, so never in a request log or the Referer.
      const href = `${base}${accountPagePaths.resetPassword}#token=${encodeURIComponent(command.token)}`;
      return mail(
        'Reset your orderflow password',
        [
          `Hello${command.name ? ` ${command.name}` : ''},`,
          'Someone asked to reset the password of your orderflow account. If it was you, use the link below; it works once.',
          `The link expires at ${command.expiresAt}. If you did not ask, ignore this email: your password stays as it is.`,
          `Reset token: ${command.token}`,
        ],
        { href, label: 'Choose a new password' },
      );
    }
    case 'verifyEmail': {
      const href = `${base}${accountPagePaths.verifyEmail}#token=${encodeURIComponent(command.token)}`;
      return mail(
        'Confirm your email address for orderflow',
        [
          `Hello${command.name ? ` ${command.name}` : ''},`,
          'Someone registered an orderflow account with this address. If it was you, confirm it with the link below; it works once.',
          `The link expires at ${command.expiresAt}. If it was not you, ignore this email: nothing more will be sent here.`,
        ],
        { href, label: 'Confirm my address' },
      );
    }
    case 'orderConfirmation':
      return mail(
        `Order ${orderNumber(command.orderId)} received`,
        [
          `Thank you for your order ${orderNumber(command.orderId)}.`,
          `Total: ${formatMoney(command.total, command.currency)}.`,
          'We will let you know when its status changes.',
        ],
        { href: `${base}${accountPagePaths.order(command.orderId)}`, label: 'View your order' },
      );
    case 'orderStatusChanged':
      return mail(
        `Order ${orderNumber(command.orderId)} is ${command.status}`,
        [`Your order ${orderNumber(command.orderId)} is now ${command.status}.`],
        {
          href: `${base}${accountPagePaths.order(command.orderId)}`,
          label: 'Track your order',
        },
      );
    case 'pendingOrderReminder':
      return mail(
        `Your order ${orderNumber(command.orderId)} is waiting`,
        [
          `Your order ${orderNumber(command.orderId)}, placed at ${command.orderCreatedAt}, is still pending.`,
          'Complete it, or cancel it if you changed your mind.',
        ],
        { href: `${base}${accountPagePaths.order(command.orderId)}`, label: 'Open your order' },
      );
    case 'deadLetterAlert':
      return mail(`[orderflow alert] dead-lettered message on ${command.queue}`, [
        `A message on ${command.queue} could not be processed and was dead-lettered.`,
        `Message id: ${command.messageId ?? '(none)'}`,
        `Reason: ${command.reason ?? '(none)'}`,
        `Description: ${command.description ?? '(none)'}`,
        `Alert id: ${command.alertId}. Inspect and replay it from the dashboard or POST /api/admin/deadletters/{id}/replay.`,
      ]);
  }
}
