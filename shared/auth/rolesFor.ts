import { normaliseEmail } from './normaliseEmail';
import type { Role } from './principal';

/** Every user is a customer; those named in ADMIN_EMAILS are also admins (evaluated at each token issue). */
export function rolesFor(email: string, adminEmails: readonly string[]): Role[] {
  return adminEmails.includes(normaliseEmail(email)) ? ['customer', 'admin'] : ['customer'];
}
