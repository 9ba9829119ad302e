// The pages our emails link to: reset a password, confirm an address, see an order. Bundled by our build into
// dist/web/account/main.js (+ main.css) and served by functions/gateway/account*.ts.
import './account.css';
import { formatMoney } from '../../shared/orders/formatMoney';
import { orderNumber } from '../../shared/orders/orderNumber';
import { call } from './api';
import { takeOneTimeToken } from './oneTimeToken';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = (text: string, kind: 'ok' | 'error' | '' = ''): void => {
  const el = $('status');
  el.textContent = text;
  el.className = `status ${kind}`.trim();
};
const failed = (err: unknown): void => status(err instanceof Error ? err.message : String(err), 'error');

interface UserView {
  email: string;
  emailVerified: boolean;
  roles: string[];
}
interface Order {
  id: string;
  status: string;
  createdAt: string;
  currency: string;
  pricing: { total: number };
}

function resetPasswordPage(): void {
  const token = takeOneTimeToken();
  const form = $<HTMLFormElement>('reset-form');
  if (!token) {
    form.hidden = true;
    status('This link is incomplete: open the link from the email again, or ask for a new one.', 'error');
    return;
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const password = $<HTMLInputElement>('new-password').value;
    if (password !== $<HTMLInputElement>('repeat-password').value) {
      status('The two passwords differ.', 'error');
      return;
    }
    status('Saving…');
    call('POST', '/api/auth/password/reset', { token, password }).then(() => {
      form.hidden = true;
      status('Your password is changed and every session was signed out. Sign in with the new one.', 'ok');
    }, failed);
  });
}

function verifyEmailPage(): void {
  const token = takeOneTimeToken();
  const button = $<HTMLButtonElement>('verify');
  if (!token) {
    button.hidden = true;
    status('This link is incomplete: open the link from the email again.', 'error');
    return;
  }
  // A click, not on load: a mail scanner that opens the link must not confirm the address.
  button.addEventListener('click', () => {
    button.disabled = true;
    call<UserView>('POST', '/api/auth/email/verify', { token }).then(
      (user) => {
        button.hidden = true;
        status(`Confirmed: ${user.email} is verified. Roles: ${user.roles.join(', ')}.`, 'ok');
        document.body.dataset.verified = String(user.emailVerified);
        document.body.dataset.roles = user.roles.join(' ');
      },
      (err: unknown) => {
        button.disabled = false;
        failed(err);
      },
    );
  });
}

function orderPage(): void {
  const id = decodeURIComponent(location.pathname.split('/').pop() ?? '');
  const form = $<HTMLFormElement>('login-form');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const email = $<HTMLInputElement>('login-email').value;
    const password = $<HTMLInputElement>('login-password').value;
    status('Signing in…');
    call<{ accessToken: string }>('POST', '/api/auth/login', { email, password })
      .then(({ accessToken }) =>
        call<Order>('GET', `/api/orders/${encodeURIComponent(id)}`, undefined, accessToken),
      )
      .then((order) => {
        form.hidden = true;
        $('order-number').textContent = orderNumber(order.id);
        $('order-status').textContent = order.status;
        $('order-total').textContent = formatMoney(order.pricing.total, order.currency);
        $('order-created').textContent = new Date(order.createdAt).toLocaleString();
        $('order').hidden = false;
        status('');
      }, failed);
  });
}

const pages: Record<string, () => void> = {
  'reset-password': resetPasswordPage,
  'verify-email': verifyEmailPage,
  order: orderPage,
};
pages[document.body.dataset.page ?? '']?.();
