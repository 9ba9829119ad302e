import type { HttpRequest } from '@azure/functions';

/**
 * The client's address as the platform's front end saw it. Azure App Service / Functions append the
 * caller's `ip:port` to X-Forwarded-For, so the rightmost entry is the one a client cannot forge
 * (anything to its left the client may have sent itself). `unknown` when there is no such header.
 */
export function clientAddress(req: Pick<HttpRequest, 'headers'>): string {
  const hops = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const last = hops.at(-1);
  if (!last) return 'unknown';
  // [v6]:port, v4:port, or a bare address.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(last);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(last);
  return (v4port ? v4port[1]! : last).toLowerCase().slice(0, 64);
}
