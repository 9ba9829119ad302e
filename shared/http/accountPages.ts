/** The pages the links in our emails open (served by functions/gateway/account*.ts). */
export type AccountPage = 'reset-password' | 'verify-email' | 'order';

/** Paths of those pages under APP_BASE_URL; shared/email/renderEmail.ts builds its links from these. */
export const accountPagePaths = {
  /** The one-time token travels in the fragment (`#token=`), which browsers never send to a server. */
  resetPassword: '/api/account/reset-password',
  verifyEmail: '/api/account/verify-email',
  order: (orderId: string): string => `/api/account/orders/${encodeURIComponent(orderId)}`,
};

const SECTIONS: Record<AccountPage, { title: string; body: string }> = {
  'reset-password': {
    title: 'Choose a new password',
    body: `<form id="reset-form">
  <label>New password <input id="new-password" type="password" autocomplete="new-password" required></label>
  <label>Repeat it <input id="repeat-password" type="password" autocomplete="new-password" required></label>
  <button type="submit">Set my password</button>
</form>`,
  },
  'verify-email': {
    title: 'Confirm your email address',
    body: `<p>Confirm that this address is yours; the link works once.</p>
<button id="verify" type="button">Confirm my address</button>`,
  },
  order: {
    title: 'Your order',
    body: `<form id="login-form">
  <p>Sign in to see the status of your order.</p>
  <label>Email <input id="login-email" type="email" autocomplete="username" required></label>
  <label>Password <input id="login-password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>
<dl id="order" hidden>
  <dt>Order</dt><dd id="order-number"></dd>
  <dt>Status</dt><dd id="order-status"></dd>
  <dt>Total</dt><dd id="order-total"></dd>
  <dt>Placed</dt><dd id="order-created"></dd>
</dl>`,
  },
};

/**
 * The HTML of one page. Static: nothing from the request (token, order id) is written into it; the bundle
 * (dist/web/account/main.js) reads the URL in the browser. No inline script, so the gateway's page CSP applies
 * unchanged, and every response carries `Referrer-Policy: no-referrer` (shared/http/securityHeaders.ts).
 */
export function accountPageHtml(page: AccountPage): string {
  const { title, body } = SECTIONS[page];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>orderflow · ${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/account/assets/main.css">
<script type="module" src="/api/account/assets/main.js"></script>
</head>
<body data-page="${page}">
<main class="card">
<h1>${title}</h1>
${body}
<p id="status" class="status" role="status"></p>
</main>
</body>
</html>
`;
}
