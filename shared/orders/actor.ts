/** Who is calling, as established by the gateway from a verified access token. */
export interface Actor {
  /** The user id (`sub`); for customers it is also the partition key of their orders. */
  id: string;
  email: string;
  /** The caller's address is verified (access token claim `email_verified`): order mails may go there. */
  emailVerified?: boolean;
  isAdmin: boolean;
}
