/** waitFor gave up: no caught mail matched in time. */
export class MailCatcherTimeoutError extends Error {
  override readonly name = 'MailCatcherTimeoutError';
}

/** start() on a catcher that is already running. */
export class MailCatcherStateError extends Error {
  override readonly name = 'MailCatcherStateError';
}
