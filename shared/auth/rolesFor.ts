import { normaliseEmail } from './normaliseEmail';
import type { Role } from './principal';

/**
 * Every user is a customer; those named in ADMIN_EMAILS are also admins, but only once they verified that
 * address (evaluated at each token issue): registering an admin's address first grants nothing.
 */
export function rolesFor(
  user: { email: string; emailVerifiedAt?: string },
  adminEmails: readonly string[],
): Role[] {
  return user.emailVerifiedAt && adminEmails.includes(normaliseEmail(user.email))
    ? ['customer', 'admin']
    : ['customer'];
}
