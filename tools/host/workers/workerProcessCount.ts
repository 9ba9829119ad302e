import { HostError } from '../errors';

/** The app setting the Functions host reads for its number of language worker processes. */
export const WORKER_PROCESS_COUNT = 'FUNCTIONS_WORKER_PROCESS_COUNT';

/** The host's limits: https://learn.microsoft.com/azure/azure-functions/functions-app-settings#functions_worker_process_count */
const MIN = 1;
const MAX = 10;

/** Reads FUNCTIONS_WORKER_PROCESS_COUNT (default 1); anything but a whole number 1-10 is a start error naming it. */
export function workerProcessCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[WORKER_PROCESS_COUNT];
  if (raw === undefined || raw.trim() === '') return MIN;
  const n = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || n < MIN || n > MAX)
    throw new HostError(
      `The app setting ${WORKER_PROCESS_COUNT} must be a whole number from ${MIN} to ${MAX}; got '${raw}'.`,
    );
  return n;
}
