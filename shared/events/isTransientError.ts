/**
 * Network failures of a dependency that is down or restarting: the Cosmos DB SDK and nodemailer surface the
 * socket's code (possibly on a `cause`), core-rest-pipeline wraps a failed send as REQUEST_SEND_ERROR.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'REQUEST_SEND_ERROR',
  'TimeoutError',
  // nodemailer: the SMTP server could not be reached or dropped the connection.
  'ECONNECTION',
  'ESOCKET',
]);

/**
 * HTTP statuses that mean "try again later" (Cosmos DB: 408 timeout, 410 gone while a partition moves,
 * 429 throttled, 449 retry-with, 500/503 unavailable), and SMTP 4xx replies (temporary failure, RFC 5321).
 */
const RETRY_STATUSES = new Set([408, 410, 429, 449, 500, 502, 503, 504]);

/** Errors of our own that mean contention, not a bad message: another try later succeeds. */
const CONTENTION_ERRORS = new Set(['ConcurrencyExhaustedError', 'EmailClaimBusyError']);

const NETWORK_MESSAGE =
  /socket hang up|other side closed|connect ECONNREFUSED|read ECONNRESET|network timeout/i;

function fieldOf(err: object, key: string): unknown {
  return key in err ? (err as Record<string, unknown>)[key] : undefined;
}

function isTransientOne(err: object): boolean {
  const name = fieldOf(err, 'name');
  if (typeof name === 'string' && (CONTENTION_ERRORS.has(name) || name === 'TimeoutError')) return true;
  for (const key of ['code', 'statusCode', 'responseCode']) {
    const v = fieldOf(err, key);
    if (typeof v === 'string' && NETWORK_CODES.has(v)) return true;
    if (typeof v === 'number' && (RETRY_STATUSES.has(v) || (key === 'responseCode' && v >= 400 && v < 500)))
      return true;
  }
  const message = fieldOf(err, 'message');
  return typeof message === 'string' && NETWORK_MESSAGE.test(message);
}

/**
 * True when `err` says a dependency is unavailable or busy (so the same message succeeds later), false for
 * anything else, poison included. Follows `cause` chains and AggregateError's `errors` (a few levels deep).
 */
export function isTransientError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  if (isTransientOne(err)) return true;
  const inner = [
    fieldOf(err, 'cause'),
    ...(Array.isArray(fieldOf(err, 'errors')) ? (fieldOf(err, 'errors') as unknown[]) : []),
  ];
  return inner.some((e) => isTransientError(e, depth + 1));
}
