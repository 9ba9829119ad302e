/** The portal's Traces page; its script is web/traces/main.ts (built to dist/web/traces/main.js). */
export const tracesPage = (): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>orderflow traces</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="stylesheet" href="/portal.css"><link rel="stylesheet" href="/traces.css">
<script type="module" src="/traces.js"></script></head>
<body data-state="loading">
<header><b>orderflow local portal</b><nav><a href="/">Explorers</a><a href="/traces" class="on">Traces</a></nav>
<span id="status" role="status"></span></header>
<main>
<section id="timeline-section" hidden><h2 id="timeline-title"></h2><p id="timeline-summary"></p>
<div id="timeline" role="list"></div></section>
<h3>Slowest recent orders</h3>
<table id="orders"><thead><tr><th>Order</th><th>First span</th><th>Duration</th><th>Spans</th><th>Errors</th><th>Started</th></tr></thead><tbody></tbody></table>
<h3>Metrics</h3><p id="metrics-note"></p>
<table id="counters"><thead><tr><th>Counter</th><th>Attributes</th><th>Value</th></tr></thead><tbody></tbody></table>
<table id="histograms"><thead><tr><th>Histogram</th><th>Attributes</th><th>Count</th><th>p50</th><th>p90</th><th>p99</th><th>Max</th></tr></thead><tbody></tbody></table>
</main></body></html>`;

export const tracesCss = `nav a{color:#d1d5db;text-decoration:none;padding:4px 8px}nav a.on{color:#fff;border-bottom:2px solid #60a5fa}
#timeline{background:#fff;padding:8px}.span-row{display:grid;grid-template-columns:320px 1fr 90px;gap:8px;align-items:center;border-bottom:1px solid #f3f4f6;padding:2px 0}
.span-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-family:ui-monospace,monospace;font-size:12px}
.span-track{position:relative;height:14px;background:#f9fafb}.span-bar{position:absolute;top:2px;height:10px;min-width:2px;background:#60a5fa;border-radius:2px}
.span-bar.k2{background:#34d399}.span-bar.k3{background:#a78bfa}.span-bar.k4{background:#fbbf24}.span-bar.k5{background:#f472b6}.span-bar.err{background:#ef4444}
.span-ms{text-align:right;font-variant-numeric:tabular-nums}.span-link{color:#6b7280;font-size:11px}a{color:#2563eb}`;
