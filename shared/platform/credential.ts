import type { TokenCredential } from '@azure/identity';

let credential: TokenCredential | undefined;

/**
 * One Entra ID credential per process. With AZURE_CLIENT_ID set, DefaultAzureCredential picks the
 * user-assigned managed identity in Azure; on a developer machine it falls back to `az login`.
 */
export async function getCredential(clientId?: string): Promise<TokenCredential> {
  if (!credential) {
    const { DefaultAzureCredential } = await import('@azure/identity');
    credential = new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
  }
  return credential;
}
