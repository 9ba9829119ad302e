export const ROLES = ['customer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, as carried in a verified access token. */
export interface Principal {
  /** The user id (token `sub`). */
  userId: string;
  email: string;
  /** The address was verified when the token was issued (claim `email_verified`); absent in a token = false. */
  emailVerified?: boolean;
  /** Every user is a `customer`; admins (ADMIN_EMAILS) also hold `admin`. */
  roles: Role[];
}

export const isAdmin = (p: Principal): boolean => p.roles.includes('admin');
