import type { EmailCommand } from './commands';

/**
 * Container `sentEmails` (database `email`): one document per command id, claimed before sending.
 * No address or token is stored: the id, type and outcome are enough to send each email once.
 */
export interface SentEmailDoc {
  id: string;
  type: EmailCommand['type'];
  state: 'sending' | 'sent' | 'skipped' | 'failed';
  claimedAt: string;
  sentAt?: string;
  transport?: string;
  providerMessageId?: string;
  reason?: string;
}

/** Container `orderStatus` (database `email`): the latest status this service has seen per order. */
export interface OrderStatusDoc {
  id: string;
  status: string;
  version: number;
  updatedAt: string;
}
