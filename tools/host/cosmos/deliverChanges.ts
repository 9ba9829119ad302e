import type { IndexedFunction } from '../app/indexFunctions';
import { ensureError } from '../errors';
import type { HostLogger } from '../invoke/HostLogger';
import type { Invoker } from '../invoke/Invoker';
import { runWithRetry, type RetryPolicy } from '../invoke/RetryPolicy';
import type { CosmosTriggerOptions } from './cosmosTriggerOptions';

export interface DeliverChangesInit {
  f: IndexedFunction;
  invoker: Invoker;
  logger: HostLogger;
  /** The function's retry policy; undefined = one attempt. */
  retry: RetryPolicy | undefined;
  opts: CosmosTriggerOptions;
  stopped: () => boolean;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Invokes a Cosmos DB trigger with one page of changes under its retry policy. True when the page may be
 * checkpointed: it succeeded, or it failed for good (Azure's behaviour: checkpointed and lost, said loudly).
 * False when the host stopped while retrying: the checkpoint stays, so a restart redelivers the page.
 */
export async function deliverChanges(docs: unknown[], init: DeliverChangesInit): Promise<boolean> {
  const { f, retry, opts } = init;
  try {
    await runWithRetry(
      retry,
      (retryContext) =>
        init.invoker.invoke(f, {
          inputData: [{ name: f.trigger.name, data: { json: JSON.stringify(docs) } }],
          reason: `New changes on container ${opts.containerName} at ${new Date().toISOString()}`,
          ...(retryContext ? { retryContext } : {}),
        }),
      init.stopped,
      init.sleep,
    );
    return true;
  } catch (err) {
    if (retry && init.stopped()) return false;
    const ids = docs.slice(0, 10).map((d) => (d as { id?: unknown }).id);
    init.logger.loud(
      `Function '${f.name}' failed on a batch of ${docs.length} change(s) from ${opts.databaseName}/${opts.containerName}` +
        `${retry ? ' after its retry policy' : ' and has NO retry policy'}; the batch is checkpointed and these changes are LOST ` +
        `(as in Azure). First ids: ${ids.join(', ')}. Error: ${ensureError(err).message}`,
    );
    return true;
  }
}
