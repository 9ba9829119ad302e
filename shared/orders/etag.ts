/**
 * HTTP entity tags for orders. The ETag is the Cosmos DB `_etag`, quoted for HTTP (the service already quotes
 * it; the offline server does not), so an If-Match can be checked against the stored version and then handed
 * to Cosmos DB as an IfMatch access condition on the write.
 */
export function toHttpEtag(cosmosEtag: string): string {
  return cosmosEtag.startsWith('"') ? cosmosEtag : `"${cosmosEtag}"`;
}

/**
 * If-Match evaluation (RFC 9110 13.1.1): `*` matches any current representation; otherwise a list of entity
 * tags, compared strongly, so weak tags (W/"...") never match.
 */
export function ifMatchSatisfied(ifMatch: string, cosmosEtag: string): boolean {
  const value = ifMatch.trim();
  if (value === '*') return true;
  const current = toHttpEtag(cosmosEtag);
  return splitEtags(value).some((tag) => tag === current);
}

/** Splits a header list of entity tags; commas may appear inside quotes only in malformed tags, so keep simple. */
function splitEtags(value: string): string[] {
  return value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}
