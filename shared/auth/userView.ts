import type { UserDocument } from './documents';
import { rolesFor } from './rolesFor';
import type { UserView } from './schemas';

/** The public shape of a user: never the password hash or internal fields. */
export function toUserView(user: UserDocument, adminEmails: readonly string[]): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: !!user.emailVerifiedAt,
    roles: rolesFor(user, adminEmails),
    createdAt: user.createdAt,
  };
}
