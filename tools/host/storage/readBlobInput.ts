import type { RpcTypedData } from '../app/coreTypes';
import type { BindingSpec } from '../app/indexFunctions';
import { BindingConfigError } from '../errors';
import { resolveBlobPath } from './blobPath';
import type { StorageClients } from './StorageClients';

/**
 * A blob input as the extension reads it for a Node worker: the blob's bytes (a Buffer in the handler), or its
 * UTF-8 text with `dataType: 'string'`; a blob that does not exist gives null, as it does in Azure.
 */
export async function readBlobInput(
  clients: StorageClients,
  functionName: string,
  input: BindingSpec,
  data: Map<string, unknown>,
): Promise<RpcTypedData> {
  const path = input.options.path;
  if (typeof path !== 'string' || path === '')
    throw new BindingConfigError(functionName, `blob input '${input.name}' needs path`);
  const { container, blobName } = resolveBlobPath(functionName, input.name, path, data);
  const blob = (await clients.blobs(input.options.connection))
    .getContainerClient(container)
    .getBlobClient(blobName);
  let bytes: Buffer;
  try {
    bytes = await blob.downloadToBuffer();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return {};
    throw err;
  }
  const asString =
    typeof input.options.dataType === 'string' && input.options.dataType.toLowerCase() === 'string';
  return asString ? { string: bytes.toString('utf8') } : { bytes };
}
