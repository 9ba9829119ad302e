/** The HTTP status of a Cosmos DB SDK error (`ErrorResponse.code`), or undefined for anything else. */
export function cosmosStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown; statusCode?: unknown }).code;
  if (typeof code === 'number') return code;
  const statusCode = (err as { statusCode?: unknown }).statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}
