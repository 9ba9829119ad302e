/** Base of the auth area's errors; the HTTP layer maps each to a status (shared/auth/toHttpError.ts). */
export class AuthError extends Error {
  override readonly name: string = 'AuthError';
}

/** An access or refresh token that is malformed, forged, expired, revoked or for someone else. */
export class InvalidTokenError extends AuthError {
  override readonly name = 'InvalidTokenError';
}

/** Wrong email or password. Deliberately says nothing about which. */
export class InvalidCredentialsError extends AuthError {
  override readonly name = 'InvalidCredentialsError';
  constructor() {
    super('Invalid email or password.');
  }
}

/** The email is already registered. */
export class EmailTakenError extends AuthError {
  override readonly name = 'EmailTakenError';
  constructor() {
    super('An account with this email already exists.');
  }
}

/** Too many failed logins for the account or from the address. */
export class LockedOutError extends AuthError {
  override readonly name = 'LockedOutError';
  constructor(readonly retryAfterSeconds: number) {
    super('Too many failed attempts; try again later.');
  }
}

/** A reset token that is unknown, used or expired. */
export class InvalidResetTokenError extends AuthError {
  override readonly name = 'InvalidResetTokenError';
  constructor() {
    super('The reset token is invalid or has expired.');
  }
}

/** The email command could not be queued in time (Service Bus unreachable or slow). */
export class EmailUnavailableError extends AuthError {
  override readonly name = 'EmailUnavailableError';
  constructor(readonly reason: string) {
    super('The email service is unavailable; try again shortly.');
  }
}
