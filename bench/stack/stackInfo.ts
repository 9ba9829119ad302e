/** What the stack child reports once its emulators listen. */
export interface StackInfo {
  cosmos?: { endpoint: string; key: string; connectionString: string; port: number };
  serviceBus?: { connectionString: string; port: number; httpUrl?: string };
  /** The local mail catcher, so the email sender of the pipeline has somewhere to deliver. */
  mail?: { smtpUrl: string };
}
