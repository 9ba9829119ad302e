import type { BlockList } from 'node:net';
import { getConfig } from '../config/config';
import { parseTrustedProxies } from '../http/clientAddress';

let list: BlockList | undefined;

/** TRUSTED_PROXIES of this process, parsed once (the config schema has validated its syntax). */
export function trustedProxies(): Promise<BlockList> {
  list ??= parseTrustedProxies(getConfig().TRUSTED_PROXIES);
  return Promise.resolve(list);
}
