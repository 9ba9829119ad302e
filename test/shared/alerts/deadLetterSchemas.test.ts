import type { ServiceBusMessage, ServiceBusSender } from '@azure/service-bus';
import type { z } from 'zod';
import type { DeadLetterAlertDoc, DeadLetterListItem } from '../../../shared/alerts/deadLetterDocs';
import { deadLetterFromTrigger } from '../../../shared/alerts/deadLetterFromTrigger';
import { deadLetterIdParams } from '../../../shared/alerts/deadLetterIdParams';
import { deadLetterListItemSchema } from '../../../shared/alerts/deadLetterListItemSchema';
import { deadLetterListSchema } from '../../../shared/alerts/deadLetterListSchema';
import { deadLetterReplaySchema } from '../../../shared/alerts/deadLetterReplaySchema';
import { listDeadLetters } from '../../../shared/alerts/listDeadLetters';
import { recordDeadLetter } from '../../../shared/alerts/recordDeadLetter';
import { replayDeadLetter } from '../../../shared/alerts/replayDeadLetter';
import { MemoryDocStore } from '../analytics/memoryDocStore';

// Compile-time: the documented item and the TypeScript contract are the same type, both ways.
type Item = z.infer<typeof deadLetterListItemSchema>;
const toInterface = (s: Item): DeadLetterListItem => s;
const toSchema = (s: DeadLetterListItem): Item => s;
void toInterface;
void toSchema;

/** The memory store, answering listDeadLetters' one query (newest received first) in code. */
class ListingStore extends MemoryDocStore<DeadLetterAlertDoc> {
  override query<R>(): Promise<R[]> {
    const docs = this.all().sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    return Promise.resolve(docs as unknown as R[]);
  }
}

async function seed(): Promise<ListingStore> {
  const store = new ListingStore();
  const init = { store, alertTo: 'ops@orderflow.local', sendAlertCommand: () => Promise.resolve() };
  const full = deadLetterFromTrigger(
    'orders',
    { type: 'OrderCreated' },
    {
      messageId: 'o-1:1',
      sequenceNumber: 7,
      deliveryCount: 10,
      enqueuedTimeUtc: '2026-11-21T10:00:00.000Z',
      applicationProperties: { DeadLetterReason: 'MaxDeliveryCountExceeded', tenant: 't1' },
      subject: 'OrderCreated',
    },
  );
  await recordDeadLetter(full, { ...init, now: () => new Date('2026-11-21T10:00:01.000Z') });
  // A bare one: no metadata at all, a binary body.
  const bare = deadLetterFromTrigger('orders', new Uint8Array([1, 2, 3]), undefined);
  await recordDeadLetter(bare, { ...init, now: () => new Date('2026-11-21T10:00:02.000Z') });
  return store;
}

describe('dead letter schemas (the OpenAPI bodies of the alerts routes)', () => {
  it('accept what listDeadLetters returns, before and after a replay', async () => {
    const store = await seed();
    const before = await listDeadLetters(store);
    expect(before.items).toHaveLength(2);
    expect(deadLetterListSchema.safeParse(before).error?.issues).toBeUndefined();

    const sent: ServiceBusMessage[] = [];
    const sender = {
      sendMessages: (m: ServiceBusMessage) => (sent.push(m), Promise.resolve()),
    } as unknown as ServiceBusSender;
    const id = before.items.find((i) => i.messageId === 'o-1:1')!.id;
    const { alert, messageId } = await replayDeadLetter(id, 'admin@orderflow.test', {
      store,
      senderFor: () => Promise.resolve(sender),
    });
    // The body functions/alerts/replayDeadLetter.ts answers with.
    const body = { id: alert.id, messageId, replayedAt: alert.replayedAt, replayedBy: alert.replayedBy };
    expect(deadLetterReplaySchema.safeParse(JSON.parse(JSON.stringify(body))).success).toBe(true);

    const after = await listDeadLetters(store);
    expect(deadLetterListSchema.safeParse(JSON.parse(JSON.stringify(after))).success).toBe(true);
    expect(after.items.find((i) => i.id === id)).toMatchObject({ replayCount: 1 });
    expect(deadLetterIdParams.safeParse({ id }).success).toBe(true);
  });

  it('reject fields the code does not return, so drift fails here', async () => {
    const { items } = await listDeadLetters(await seed());
    expect(deadLetterListItemSchema.safeParse({ ...items[0], bodyEncoding: 'json' }).success).toBe(false);
    expect(deadLetterReplaySchema.safeParse({ id: 'a', messageId: 'b', extra: 1 }).success).toBe(false);
  });
});
