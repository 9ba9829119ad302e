import type { DeadLetterAlertDoc } from '../../../shared/alerts/deadLetterDocs';
import { deadLetterFromTrigger } from '../../../shared/alerts/deadLetterFromTrigger';
import { listDeadLetters } from '../../../shared/alerts/listDeadLetters';
import { recordDeadLetter } from '../../../shared/alerts/recordDeadLetter';
import { cosmosDocStore } from '../../../shared/analytics/cosmosDocStore';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

const offline = useOfflineCosmos();

describe('dead letters in the alerts database', () => {
  it('stores each dead letter once and lists them newest first in the API shape', async () => {
    const store = cosmosDocStore<DeadLetterAlertDoc>(
      offline.client.database('alerts').container('deadLetters'),
    );
    let clock = Date.parse('2026-11-21T10:00:00.000Z');
    const init = {
      store,
      alertTo: 'ops@orderflow.local',
      sendAlertCommand: () => Promise.resolve(),
      now: () => new Date((clock += 1000)),
    };
    for (const n of [1, 2, 3, 2]) {
      const meta = {
        messageId: `m-${n}`,
        sequenceNumber: n,
        deliveryCount: 10,
        deadLetterReason: 'MaxDeliveryCountExceeded',
      };
      await recordDeadLetter(deadLetterFromTrigger('orders', { n }, meta), init);
    }
    const { items } = await listDeadLetters(store);
    expect(items.map((i) => i.messageId)).toEqual(['m-3', 'm-2', 'm-1']);
    expect(items[0]).toMatchObject({
      id: 'm-3~3',
      reason: 'MaxDeliveryCountExceeded',
      deliveryCount: 10,
      body: { n: 3 },
      replayedAt: null,
    });
  });
});
