/** One outgoing email as the transports see it. */
export interface OutgoingEmail {
  /** The command id: ACS uses it as the operation id so a resend is recognised. */
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one email; resolves once the provider accepted it, rejects otherwise. */
export interface EmailTransport {
  readonly name: string;
  send(email: OutgoingEmail): Promise<{ providerMessageId?: string }>;
  close?(): Promise<void>;
}
