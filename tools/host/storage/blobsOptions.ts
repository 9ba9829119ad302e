import { HostError } from '../errors';

/** host.json `extensions.blobs`, with the blob extension's defaults. */
export interface BlobHostOptions {
  /** Failed tries before a blob goes to the `webjobs-blobtrigger-poison` queue. Default 5. */
  poisonBlobThreshold: number;
  /** Blobs processed at once per function. Default 8 (the extension: 8 × cores). */
  maxDegreeOfParallelism: number;
}

export function blobsOptions(hostJson: Record<string, unknown>): BlobHostOptions {
  const ext = hostJson.extensions as Record<string, unknown> | undefined;
  const o = (ext?.blobs as Record<string, unknown> | undefined) ?? {};
  const int = (v: unknown, name: string, fallback: number): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new HostError(`host.json extensions.blobs.${name} must be a positive integer.`);
    return n;
  };
  return {
    poisonBlobThreshold: int(o.poisonBlobThreshold, 'poisonBlobThreshold', 5),
    maxDegreeOfParallelism: int(o.maxDegreeOfParallelism, 'maxDegreeOfParallelism', 8),
  };
}
