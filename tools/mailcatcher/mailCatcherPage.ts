/** The catcher's web page: a list of caught mails that refreshes itself, with the selected mail shown. */
export const mailCatcherPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>orderflow mail catcher</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{margin:0;font-family:system-ui,sans-serif;color:#111827;background:#f3f4f6;display:grid;grid-template-columns:380px 1fr;height:100vh}
header{grid-column:1/3;background:#111827;color:#fff;padding:10px 16px;font-weight:600}
#evicted{font-weight:400;color:#fcd34d;margin-left:8px}
#list{overflow:auto;border-right:1px solid #d1d5db;background:#fff}
.item{padding:10px 14px;border-bottom:1px solid #e5e7eb;cursor:pointer}.item:hover,.item.sel{background:#eff6ff}
.item small{color:#6b7280;display:block}
#view{overflow:auto;padding:16px}#view pre{white-space:pre-wrap;background:#fff;padding:12px;border-radius:6px}
iframe{width:100%;height:60vh;border:1px solid #d1d5db;background:#fff;border-radius:6px}
</style></head><body>
<header>orderflow mail catcher <span id="count"></span><span id="evicted"></span></header>
<div id="list"></div><div id="view"><p>Select a mail.</p></div>
<script src="page.js"></script></body></html>`;

/** The page's script, served from the same origin so that the page's CSP needs no inline script. */
export const mailCatcherScript = `'use strict';
let selected = null;
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c]);
async function refresh() {
  const { items, kept, evicted } = await (await fetch('api/messages')).json();
  document.getElementById('count').textContent = '(' + items.length + ')';
  document.getElementById('evicted').textContent = evicted > 0
    ? evicted + ' older mail' + (evicted === 1 ? '' : 's') + ' evicted (keeps the last ' + kept + ')' : '';
  document.getElementById('list').innerHTML = items.slice().reverse().map((m) =>
    '<div class="item' + (m.id === selected ? ' sel' : '') + '" data-id="' + esc(m.id) + '"><b>' + esc(m.subject) + '</b><small>' +
    esc(m.to.join(', ')) + ' &middot; ' + esc(m.receivedAt) + '</small></div>').join('');
  for (const el of document.querySelectorAll('.item')) el.onclick = () => show(el.dataset.id);
}
async function show(id) {
  selected = id;
  const r = await fetch('api/messages/' + encodeURIComponent(id));
  const v = document.getElementById('view');
  if (!r.ok) { v.textContent = 'This mail is no longer kept.'; return refresh(); }
  const m = await r.json();
  v.innerHTML = '<h2>' + esc(m.subject) + '</h2><p>From ' + esc(m.from) + ' to ' + esc(m.to.join(', ')) + '</p><pre>' + esc(m.text) + '</pre>';
  if (m.html) { const f = document.createElement('iframe'); f.sandbox = ''; f.srcdoc = m.html; v.appendChild(f); }
  refresh();
}
refresh(); setInterval(refresh, 2000);
`;
