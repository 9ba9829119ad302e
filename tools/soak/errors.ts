/** The soak could not run (a part failed to start, a probe never answered): not a verdict on the system. */
export class SoakError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoakError';
  }
}

/** Every caught `unknown` goes through here so callers always hold an Error. */
export function ensureError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(typeof err === 'string' ? err : JSON.stringify(err));
}
