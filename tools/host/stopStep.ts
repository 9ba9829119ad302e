import { ensureError } from './errors';
import type { HostLogger } from './invoke/HostLogger';

/** One step of stopping the host: a failure is logged and the next steps still run. */
export async function stopStep(logger: HostLogger, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    logger.host('error', `${what} failed while stopping: ${ensureError(err).message}`);
  }
}
