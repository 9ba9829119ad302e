import { describeError, ensureError, HostError } from './errors';
import type { HostLogger } from './invoke/HostLogger';
import type { TriggerListener } from './TriggerListener';

/**
 * Starts a listener as the host does: a failure is logged and the rest of the app runs. A configuration error
 * (missing setting, bad option) stays failed; anything else (an unreachable account) is retried in the
 * background with a growing delay, until `stopped()`.
 */
export async function startListener(
  l: TriggerListener,
  logger: HostLogger,
  stopped: () => boolean,
  attempt = 1,
): Promise<void> {
  try {
    await l.start();
    if (attempt > 1)
      logger.host(
        'information',
        `The listener for function '${l.functionName}' started (attempt ${attempt}).`,
      );
  } catch (err) {
    const e = ensureError(err);
    const retry = !(e instanceof HostError) && !stopped();
    const delay = Math.min(60_000, 2000 * 2 ** (attempt - 1));
    logger.host(
      'error',
      `The listener for function '${l.functionName}' was unable to start: ${describeError(e)}${retry ? ` (retrying in ${delay / 1000} s)` : ''}`,
    );
    if (!retry) return;
    const timer = setTimeout(() => {
      if (!stopped()) void startListener(l, logger, stopped, attempt + 1);
    }, delay);
    timer.unref();
  }
}
