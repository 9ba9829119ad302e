import type { Receiver, Sender } from 'rhea';
import { MAX_MESSAGE_SIZE_BYTES } from '../config/NamespaceConfig';
import { internalsOf } from './rheaLink';
import { wrapLong } from './rheaCodec';

interface Terminus {
  address?: string;
  filter?: Record<string, unknown>;
  [key: string]: unknown;
}

type Link = Sender | Receiver;

export const remoteSource = (link: Link): Terminus | undefined =>
  internalsOf(link).remote.attach?.source as Terminus | undefined;
export const remoteTarget = (link: Link): Terminus | undefined =>
  internalsOf(link).remote.attach?.target as Terminus | undefined;

/**
 * Completes our half of an attach: echo the client's source and target (rhea's server leaves them empty, and the
 * SDK needs them), the settle modes it asked for, and the 256 KB message size limit (0 would fail every batch).
 */
export function completeAttach(link: Link, source: Terminus | undefined = remoteSource(link)): void {
  if (source) link.set_source(source as Parameters<Link['set_source']>[0]);
  const target = remoteTarget(link);
  // Only a target with an address is echoed: a transaction coordinator's target (descriptor 0x30, which rhea does
  // not know) arrives as a value rhea cannot re-encode, and echoing it threw before the link could be refused.
  if (typeof target?.address === 'string') link.set_target(target as Parameters<Link['set_target']>[0]);
  const remote = internalsOf(link).remote.attach as
    { snd_settle_mode?: number; rcv_settle_mode?: number } | undefined;
  const local = internalsOf(link).local.attach;
  if (remote?.snd_settle_mode !== undefined) local.snd_settle_mode = remote.snd_settle_mode;
  if (remote?.rcv_settle_mode !== undefined) local.rcv_settle_mode = remote.rcv_settle_mode;
  local.max_message_size = MAX_MESSAGE_SIZE_BYTES;
}

/** The client's address, whichever end of the link names the entity. */
export function linkAddress(link: Link): string {
  const terminus = link.is_sender() ? remoteSource(link) : remoteTarget(link);
  return terminus?.address ?? '';
}

/** A session lock expiry as the SDK reads it: .NET ticks (100 ns since 0001-01-01) as a long. */
export function dotNetTicks(ms: number): unknown {
  const ticks = (BigInt(Math.round(ms)) + 62_135_596_800_000n) * 10_000n;
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(ticks);
  return wrapLong(b as unknown as number);
}
