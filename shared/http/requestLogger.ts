import type { InvocationContext } from '@azure/functions';

/** Logs through the invocation context (so the host and Application Insights see them), each line tagged. */
export interface RequestLogger {
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

/** Every line starts with `[requestId]`, the id the client sees in `x-request-id` and in problem documents. */
export function createRequestLogger(
  context: Pick<InvocationContext, 'log' | 'warn' | 'error'>,
  requestId: string,
): RequestLogger {
  const tag = `[${requestId}]`;
  return {
    info: (message, ...args) => context.log(`${tag} ${message}`, ...args),
    warn: (message, ...args) => context.warn(`${tag} ${message}`, ...args),
    error: (message, ...args) => context.error(`${tag} ${message}`, ...args),
  };
}
