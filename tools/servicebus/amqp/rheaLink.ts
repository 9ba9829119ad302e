import type { Receiver, Sender } from 'rhea';

/** Link fields rhea has at run time but leaves out of its typings. */
export interface LinkInternals {
  credit: number;
  snd_settle_mode?: number;
  remote: { attach?: Record<string, unknown> & { properties?: Record<string, unknown> } };
  state: { open_requests: number };
  connection: { _register(): void };
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

interface DrainState {
  _draining: boolean;
  _drained: boolean;
  credit: number;
  delivery_count: number;
  _get_drain(): boolean;
}

/**
 * AMQP 1.0 §2.6.7: a drained sender answers with a flow carrying drain=true and its (now zero) credit. rhea skips
 * that answer when the credit was already used up by deliveries in flight, and the SDK, waiting for it, times out
 * and closes its receiver. This makes the answer unconditional.
 */
export function answerDrainAlways(sender: Sender): void {
  const s = sender as unknown as DrainState;
  s._get_drain = function (this: DrainState): boolean {
    if (!this._draining || !this._drained) return false;
    this.delivery_count += this.credit;
    this.credit = 0;
    return true;
  };
}

/**
 * Withholds our half of an attach (rhea opens a link before the open event runs): the client waits, as it does
 * while Azure looks for a session. `releaseAttach` sends it.
 */
export function holdAttach(sender: Sender): void {
  internalsOf(sender).state.open_requests = 0;
}

export function releaseAttach(sender: Sender): void {
  const link = internalsOf(sender);
  link.state.open_requests = 1;
  link.connection._register();
}
