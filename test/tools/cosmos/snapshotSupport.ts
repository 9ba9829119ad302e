import { StatusCodes, type ChangeFeedStartFrom, type Container } from '@azure/cosmos';
import { setTimeout as delay } from 'node:timers/promises';
import { startCosmosEmulator, type CosmosEmulator } from '../../../tools/cosmos';

/** Reads a container's change feed from `from` until it is caught up: the ids in feed order and the continuation. */
export async function feedIds(
  users: Container,
  from: ChangeFeedStartFrom,
): Promise<{ ids: string[]; token: string }> {
  const it = users.items.getChangeFeedIterator<{ id: string }>({ changeFeedStartFrom: from });
  const ids: string[] = [];
  for (;;) {
    const page = await it.readNext();
    if (page.statusCode === StatusCodes.NotModified) return { ids, token: page.continuationToken };
    ids.push(...page.result.map((d) => d.id));
  }
}

/**
 * Starts the emulator on `dir` with a compaction floor of 0 and waits until the compaction its start begins is
 * done (the log line starting with `compactedLine`).
 */
export async function startCompacted(dir: string, compactedLine = 'compacted'): Promise<CosmosEmulator> {
  const log: string[] = [];
  const emulator = await startCosmosEmulator({
    port: 0,
    dataDir: dir,
    compactFloorBytes: 0,
    log: (l) => log.push(l),
  });
  while (!log.some((l) => l.startsWith(compactedLine))) await delay(5);
  return emulator;
}
