import { randomUUID } from 'node:crypto';
import type { BlobItem } from '@azure/storage-blob';
import type { RpcTypedData } from '../app/coreTypes';
import { toRpcValue } from '../serviceBus/toRpcValue';

/**
 * The blob trigger's binding data in the extension's names (the library camel-cases them): the path's `{params}`,
 * `BlobTrigger` (container/blob), `Uri`, `Properties`, `Metadata` and `sys`.
 */
export function blobMetadata(
  functionName: string,
  containerName: string,
  item: BlobItem,
  uri: string,
  params: Record<string, string>,
): Record<string, RpcTypedData> {
  const p = item.properties;
  const values: Record<string, unknown> = {
    ...params,
    BlobTrigger: `${containerName}/${item.name}`,
    Uri: uri,
    Properties: {
      BlobType: p.blobType,
      ContentLength: p.contentLength,
      ContentType: p.contentType,
      ContentMD5: p.contentMD5 ? Buffer.from(p.contentMD5).toString('base64') : undefined,
      ETag: p.etag,
      LastModified: p.lastModified,
      CreatedOn: p.createdOn,
    },
    Metadata: item.metadata ?? {},
    sys: { MethodName: functionName, UtcNow: new Date().toISOString(), RandGuid: randomUUID() },
  };
  const out: Record<string, RpcTypedData> = {};
  for (const [k, v] of Object.entries(values)) {
    const t = toRpcValue(v);
    if (t) out[k] = t;
  }
  return out;
}
