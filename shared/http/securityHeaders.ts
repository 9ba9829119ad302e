/** What a response carries: `api` for JSON (nothing may execute or be framed), `page` for HTML pages we serve. */
export type ContentPolicy = 'api' | 'page';

// JSON never needs to load anything; a browser that renders it anyway gets a sandbox with nothing allowed.
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";
// Pages (API reference, dashboard) load only our own bundled scripts and styles: no CDN, no inline script.
// 'unsafe-inline' for style only: Swagger UI and chart libraries set style attributes at run time.
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; " +
  "form-action 'self'";

/** Headers set on every response, whatever the handler returned. */
export function securityHeaders(policy: ContentPolicy): Record<string, string> {
  return {
    'Content-Security-Policy': policy === 'api' ? API_CSP : PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}
