import { OrderValidationError } from './errors';
import { requestHash } from './requestHash';

/**
 * The API's continuation token: Cosmos DB's token wrapped with a fingerprint of the filters it was issued
 * for, base64url-encoded. Opaque to clients; a token replayed with other filters (or another caller's
 * filters) is a 400 rather than a silently wrong page.
 */
interface TokenPayload {
  v: 1;
  f: string;
  c: string;
}

export function encodeContinuationToken(filters: unknown, cosmosToken: string): string {
  const payload: TokenPayload = { v: 1, f: requestHash(filters), c: cosmosToken };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeContinuationToken(filters: unknown, token: string): string {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const p = payload as Partial<TokenPayload> | undefined;
  if (!p || typeof p !== 'object' || p.v !== 1 || typeof p.c !== 'string' || typeof p.f !== 'string') {
    throw new OrderValidationError('continuationToken', 'is not a token this API issued');
  }
  if (p.f !== requestHash(filters)) {
    throw new OrderValidationError(
      'continuationToken',
      'was issued for other filters; start again without it',
    );
  }
  return p.c;
}
