/** A part the bench measures is not built (yet): the bench is skipped with this reason, never faked. */
export class BenchUnavailableError extends Error {
  override readonly name = 'BenchUnavailableError';
}

/** The bench ran but could not produce a trustworthy figure (a failed request, a timeout). */
export class BenchError extends Error {
  override readonly name = 'BenchError';
}

export function ensureError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(typeof err === 'string' ? err : JSON.stringify(err));
}
