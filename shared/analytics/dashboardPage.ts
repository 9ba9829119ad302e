/**
 * The dashboard page shell. Everything dynamic comes from dist/web/dashboard/main.js (bundled with Chart.js,
 * no CDN) and main.css; there is no inline script, so the gateway's page CSP applies unchanged.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>orderflow · operations dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/dashboard/main.css">
<script type="module" src="/api/dashboard/main.js"></script>
</head>
<body>
<header class="top">
  <div class="brand"><span class="logo">◆</span> orderflow <span class="sub">operations</span></div>
  <div class="meta"><span id="generated">not loaded</span>
    <button id="refresh" type="button" hidden>Refresh now</button>
    <button id="logout" type="button" class="ghost" hidden>Sign out</button></div>
</header>
<main>
  <section id="login" class="card login" hidden>
    <h1>Sign in</h1>
    <p>The dashboard is for administrators.</p>
    <form id="login-form">
      <label>Email <input id="login-email" type="email" autocomplete="username" required></label>
      <label>Password <input id="login-password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Sign in</button>
      <p id="login-error" class="error" role="alert"></p>
    </form>
  </section>
  <section id="board" hidden>
    <div class="kpis">
      <div class="kpi"><span class="label">Orders</span><span class="value" id="kpi-orders">–</span><span class="hint" id="kpi-orders-hint"></span></div>
      <div class="kpi"><span class="label">Revenue</span><span class="value" id="kpi-revenue">–</span><span class="hint" id="kpi-aov"></span></div>
      <div class="kpi"><span class="label">Open orders</span><span class="value" id="kpi-open">–</span><span class="hint" id="kpi-open-age"></span></div>
      <div class="kpi"><span class="label">Cancelled</span><span class="value" id="kpi-cancelled">–</span><span class="hint" id="kpi-cancel-rate"></span></div>
      <div class="kpi alert-kpi"><span class="label">Dead letters</span><span class="value" id="kpi-deadletters">–</span><span class="hint" id="kpi-deadletters-hint"></span></div>
    </div>
    <div class="grid">
      <div class="card wide"><h2>Orders and revenue, last 30 days</h2><div class="chart"><canvas id="chart-daily"></canvas></div></div>
      <div class="card"><h2>Orders by status</h2><div class="chart"><canvas id="chart-status"></canvas></div></div>
      <div class="card"><h2>Top products, last 30 days</h2><div class="chart"><canvas id="chart-products"></canvas></div></div>
      <div class="card wide"><h2>Dead letters and alerts</h2>
        <table class="deadletters"><thead><tr><th>Received</th><th>Queue</th><th>Message</th><th>Reason</th><th>Deliveries</th><th>Replayed</th><th></th></tr></thead>
        <tbody id="deadletters"><tr><td colspan="7" class="empty">No dead letters.</td></tr></tbody></table>
        <p id="replay-status" class="hint" role="status"></p>
      </div>
    </div>
  </section>
</main>
</body>
</html>`;
