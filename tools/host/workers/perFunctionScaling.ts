import { HostError } from '../errors';
import { WORKER_PROCESS_COUNT } from './workerProcessCount';

/**
 * A setting of this local host only (Azure reads no such app setting): lay the worker processes out as the Flex
 * Consumption plan's per-function scaling lays out instances, where HTTP functions scale as one group on instances
 * of their own and every other trigger elsewhere. With it, HTTP connections go to worker processes 2..N and the
 * first process runs the other triggers only; a web request then never waits behind a change-feed batch or a
 * queue message on one event loop (https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#per-function-scaling).
 */
export const PER_FUNCTION_SCALING = 'LOCAL_HOST_PER_FUNCTION_SCALING';

/**
 * Reads LOCAL_HOST_PER_FUNCTION_SCALING (`true`/`false`, default false) for a host of `count` worker processes;
 * anything else, or `true` with a single process (there is no second process to serve HTTP), is a start error
 * naming the settings.
 */
export function perFunctionScaling(count: number, env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = (env[PER_FUNCTION_SCALING] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'false') return false;
  if (raw !== 'true')
    throw new HostError(
      `The app setting ${PER_FUNCTION_SCALING} must be true or false; got '${env[PER_FUNCTION_SCALING]}'.`,
    );
  if (count < 2)
    throw new HostError(
      `The app setting ${PER_FUNCTION_SCALING}=true needs ${WORKER_PROCESS_COUNT} of 2 or more (one process for the triggers, the others for HTTP); it is ${count}.`,
    );
  return true;
}
