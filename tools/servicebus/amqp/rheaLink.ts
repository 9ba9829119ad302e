import type { Receiver, Sender } from 'rhea';

/** Link fields rhea has at run time but leaves out of its typings. */
export interface LinkInternals {
  credit: number;
  snd_settle_mode?: number;
  remote: { attach?: Record<string, unknown> };
  local: { attach: Record<string, unknown> };
}

export const internalsOf = (link: Sender | Receiver): LinkInternals => link as unknown as LinkInternals;

interface OutgoingInternals {
  next_pending_delivery: number;
  next_delivery_id: number;
  deliveries: { by_id(id: number): { link: unknown } | undefined };
}

/** Deliveries queued on the link's session but not yet written (they still hold credit). */
export function unsentDeliveries(sender: Sender): number {
  const outgoing = (sender.session as unknown as { outgoing: OutgoingInternals }).outgoing;
  let n = 0;
  for (let id = outgoing.next_pending_delivery; id < outgoing.next_delivery_id; id++) {
    if (outgoing.deliveries.by_id(id)?.link === sender) n++;
  }
  return n;
}
