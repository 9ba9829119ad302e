export { startMailCatcher, type MailCatcher, type MailCatcherOptions } from './startMailCatcher';
export type { CaughtMail } from './caughtMail';
export { MailCatcherTimeoutError } from './errors';
