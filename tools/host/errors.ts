/** Every failure the host raises itself (as opposed to errors thrown by the app's handlers). */
export class HostError extends Error {
  override name = 'HostError';
}

/** A binding's options are invalid or name a setting that does not exist: the function cannot be indexed. */
export class BindingConfigError extends HostError {
  override name = 'BindingConfigError';
  constructor(functionName: string, message: string) {
    super(`Function '${functionName}': ${message}`);
  }
}

/** A schedule expression that NCRONTAB or TimeSpan parsing rejects. */
export class ScheduleError extends HostError {
  override name = 'ScheduleError';
}

/** A route template the router cannot compile. */
export class RouteTemplateError extends HostError {
  override name = 'RouteTemplateError';
}

/** Normalises anything thrown into an Error, so logs and retries always have a message and a stack. */
export function ensureError(err: unknown): Error {
  if (err instanceof Error) return err;
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') {
    const e = new Error(err.message);
    Object.assign(e, err);
    return e;
  }
  let text: string;
  try {
    text = typeof err === 'string' ? err : JSON.stringify(err);
  } catch {
    text = String(err);
  }
  return new Error(text);
}

/**
 * A one-line reason for a log, never empty: SDK errors (a Cosmos DB 404 for a container that does not exist yet)
 * can carry an empty message, with the reason in their code, status and body.
 */
export function describeError(err: unknown): string {
  const e = ensureError(err);
  if (e.message.trim() !== '') return e.message;
  const fields = e as unknown as Record<string, unknown>;
  const field = (k: string): string | undefined => {
    const v = fields[k];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  };
  const body = fields.body as { message?: unknown } | undefined;
  const parts = [
    e.name !== 'Error' ? e.name : undefined,
    field('code') && `code ${field('code')}`,
    field('statusCode') && `status ${field('statusCode')}`,
    field('substatus') && `substatus ${field('substatus')}`,
    typeof body?.message === 'string' && body.message !== '' ? body.message : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : `${e.name} without a message`;
}
