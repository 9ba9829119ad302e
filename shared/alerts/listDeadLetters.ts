import { toListItem, type DeadLetterAlertDoc, type DeadLetterListItem } from './deadLetterDocs';
import type { DocStore } from '../analytics/docStore';

/** The most recent dead letters, newest first (bounded: the page shows the latest ones). */
export async function listDeadLetters(
  store: DocStore<DeadLetterAlertDoc>,
  limit = 100,
): Promise<{ items: DeadLetterListItem[] }> {
  const docs = await store.query<DeadLetterAlertDoc>(
    'SELECT TOP @limit * FROM c ORDER BY c.receivedAt DESC',
    [{ name: '@limit', value: limit }],
  );
  return { items: docs.map(toListItem) };
}
