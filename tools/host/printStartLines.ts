import type { HostLogger } from './invoke/HostLogger';

/**
 * The lines scripts written for `func start` wait on, in its order: the job host, then the functions (`banner`),
 * then the lease line (func prints it last). `Host listening on` (in the banner) stays for this repository's tooling.
 */
export function printStartLines(
  logger: HostLogger,
  ms: number,
  instanceId: string,
  bannerLines: string[],
): void {
  logger.host('information', 'Worker process started and initialized.');
  logger.host('information', 'Job host started');
  logger.host('information', `Host started (${ms}ms)`);
  for (const l of bannerLines) logger.print(l);
  logger.host('information', `Host lock lease acquired by instance ID '${instanceId}'.`);
  logger.flush();
}
