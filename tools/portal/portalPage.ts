/** The portal's one page; its script is web/portal/main.ts (built to dist/web/portal/main.js). */
export const portalPage = (token: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>orderflow local portal</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="portal-token" content="${token}">
<link rel="stylesheet" href="/portal.css">
<script type="module" src="/main.js"></script></head>
<body data-state="loading">
<header><b>orderflow local portal</b>
<nav><button data-tab="sb" class="on">Service Bus</button><button data-tab="cosmos">Cosmos DB</button><button data-tab="mail">Mail</button><a href="/traces">Traces</a></nav>
<span id="status" role="status"></span></header>
<main>
<section id="tab-sb"><table id="sb-entities"><thead><tr><th>Entity</th><th>Kind</th><th>Active</th><th>Scheduled</th><th>Deferred</th><th>Locked</th><th>Dead-letter</th><th></th></tr></thead><tbody></tbody></table>
<div id="sb-detail"></div></section>
<section id="tab-cosmos" hidden><table id="cosmos-containers"><thead><tr><th>Database</th><th>Container</th><th>Partition key</th><th>TTL</th><th>Items</th></tr></thead><tbody></tbody></table>
<form id="cosmos-query"><label>Container <select id="q-container"></select></label>
<label>Partition key <input id="q-pk" placeholder="(all partitions)"></label>
<label>Page size <input id="q-size" type="number" value="20" min="1" max="1000"></label>
<textarea id="q-text" rows="3">SELECT * FROM c</textarea>
<label>Parameters (JSON) <input id="q-params" value="[]"></label>
<button type="submit">Run</button> <button type="button" id="q-next" disabled>Next page</button></form>
<div id="q-result"></div>
<h3>Change-feed leases</h3><table id="cosmos-leases"><thead><tr><th>Monitored</th><th>Lease</th><th>Owner</th><th>Continuation</th><th>Behind</th><th>Updated</th></tr></thead><tbody></tbody></table></section>
<section id="tab-mail" hidden><p id="mail-summary"></p><div id="mail-list"></div><pre id="mail-view"></pre></section>
</main>
<dialog id="confirm"><form method="dialog"><p id="confirm-text"></p><button value="cancel">Cancel</button> <button value="ok" id="confirm-ok">Confirm</button></form></dialog>
</body></html>`;

export const portalCss = `body{margin:0;font:14px system-ui,sans-serif;color:#111827;background:#f3f4f6}
header{background:#111827;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center}
nav button{background:none;border:0;color:#d1d5db;font:inherit;padding:4px 8px;cursor:pointer}nav button.on{color:#fff;border-bottom:2px solid #60a5fa}nav a{color:#d1d5db;text-decoration:none;padding:4px 8px}
#status{margin-left:auto;color:#fcd34d}main{padding:12px 16px}
table{border-collapse:collapse;background:#fff;width:100%;margin-bottom:12px}th,td{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}pre{white-space:pre-wrap;background:#fff;padding:8px;margin:4px 0;max-height:300px;overflow:auto}
button{cursor:pointer}.msg{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:8px;margin:6px 0}
.msg small{color:#6b7280}form#cosmos-query{display:grid;gap:6px;max-width:900px;background:#fff;padding:8px}
textarea{font-family:ui-monospace,monospace}.mail{cursor:pointer;padding:4px;border-bottom:1px solid #e5e7eb;background:#fff}`;
