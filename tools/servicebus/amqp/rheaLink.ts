import type { Receiver, Sender } from 'rhea';

/** Link fields rhea has at run time but leaves out of its typings. */
export interface LinkInternals {
  credit: number;
  snd_settle_mode?: number;
  remote: { attach?: Record<string, unknown> };
  local: { attach: Record<string, unknown> };
}

export const internalsOf = (link: Sender | Receiver): LinkInternals => link as unknown as LinkInternals;
