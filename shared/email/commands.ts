import { z } from 'zod';

/**
 * Commands on the `emails` queue. Every command carries an `id` that is also the Service Bus messageId,
 * so duplicate detection drops a resend and the sender records `id` to send each email once.
 * Services that need email send a command; only the email service talks to ACS or SMTP.
 */
const base = {
  id: z.string().min(1).max(128),
  to: z.email(),
  createdAt: z.iso.datetime(),
  correlationId: z.string().max(128).optional(),
};

export const passwordResetCommand = z.object({
  ...base,
  type: z.literal('passwordReset'),
  name: z.string().max(200).optional(),
  /** The one-time token in clear: only in this command and the email, never stored. */
  token: z.string().min(16).max(512),
  expiresAt: z.iso.datetime(),
});

/** Sent at registration to the address given, before any other mail may go there. */
export const verifyEmailCommand = z.object({
  ...base,
  type: z.literal('verifyEmail'),
  name: z.string().max(200).optional(),
  /** The one-time token in clear: only in this command and the email, never stored. */
  token: z.string().min(16).max(512),
  expiresAt: z.iso.datetime(),
});

export const orderConfirmationCommand = z.object({
  ...base,
  type: z.literal('orderConfirmation'),
  orderId: z.string(),
  version: z.number().int().positive(),
  total: z.number().int().nonnegative(),
  currency: z.string().length(3),
});

/** Sent on every status change; the email service also keeps the latest status it has seen per order. */
export const orderStatusChangedCommand = z.object({
  ...base,
  type: z.literal('orderStatusChanged'),
  orderId: z.string(),
  version: z.number().int().positive(),
  status: z.enum(['pending', 'confirmed', 'shipped', 'delivered', 'cancelled']),
});

/** Scheduled for REMINDER_DELAY after creation; sent only if the order is still pending then. */
export const pendingOrderReminderCommand = z.object({
  ...base,
  type: z.literal('pendingOrderReminder'),
  orderId: z.string(),
  orderCreatedAt: z.iso.datetime(),
});

export const deadLetterAlertCommand = z.object({
  ...base,
  type: z.literal('deadLetterAlert'),
  alertId: z.string(),
  queue: z.string(),
  messageId: z.string().optional(),
  reason: z.string().optional(),
  description: z.string().optional(),
});

export const emailCommand = z.discriminatedUnion('type', [
  passwordResetCommand,
  verifyEmailCommand,
  orderConfirmationCommand,
  orderStatusChangedCommand,
  pendingOrderReminderCommand,
  deadLetterAlertCommand,
]);

export type EmailCommand = z.infer<typeof emailCommand>;
export type PasswordResetCommand = z.infer<typeof passwordResetCommand>;
export type VerifyEmailCommand = z.infer<typeof verifyEmailCommand>;
/** The commands the auth service sends. */
export type AuthEmailCommand = PasswordResetCommand | VerifyEmailCommand;
export type OrderConfirmationCommand = z.infer<typeof orderConfirmationCommand>;
export type OrderStatusChangedCommand = z.infer<typeof orderStatusChangedCommand>;
export type PendingOrderReminderCommand = z.infer<typeof pendingOrderReminderCommand>;
export type DeadLetterAlertCommand = z.infer<typeof deadLetterAlertCommand>;
