/** One email received by the mail catcher. */
export interface CaughtMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  receivedAt: string;
  /** Header names lower-cased; the first value of each. */
  headers: Record<string, string>;
}
