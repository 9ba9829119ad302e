import type { HttpRequest } from '@azure/functions';
import { BlockList, isIP } from 'node:net';

/** TRUSTED_PROXIES (comma-separated addresses or CIDR ranges) as a BlockList; throws on a malformed entry. */
export function parseTrustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : isIP(address) === 4 ? 'ipv4' : undefined;
    if (!family) throw new Error(`TRUSTED_PROXIES: not an IP address or CIDR range: ${entry}`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function bare(hop: string): string {
  // [v6]:port, v4:port, or a bare address.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return (v4port ? v4port[1]! : hop).toLowerCase().slice(0, 64);
}

const trusted = (list: BlockList | undefined, hop: string): boolean => {
  const family = isIP(hop);
  return !!list && family !== 0 && list.check(hop, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * The client's address, or undefined when the request carries none we can trust.
 *
 * Invariant: only hops appended by parties we trust are believed. The rightmost X-Forwarded-For hop is the
 * peer the platform's front end saw (Azure Functions / App Service append it; the local host must do the
 * same, see docs/security.md); everything to its left was sent by that peer. Walking left is allowed only
 * while the current hop is a configured trusted proxy (TRUSTED_PROXIES: Front Door, Application Gateway),
 * so a client can never choose its own address by sending a header. No header: undefined (not a shared
 * "unknown" counter that anyone could fill to lock everyone out).
 */
export function clientAddress(
  req: Pick<HttpRequest, 'headers'>,
  trustedProxies?: BlockList,
): string | undefined {
  const hops = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => bare(h.trim()))
    .filter(Boolean);
  let i = hops.length - 1;
  while (i > 0 && trusted(trustedProxies, hops[i]!)) i--;
  return hops[i];
}
