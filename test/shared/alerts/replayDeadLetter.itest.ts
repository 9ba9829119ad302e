import type { ServiceBusMessage, ServiceBusSender } from '@azure/service-bus';
import type { DeadLetterAlertDoc } from '../../../shared/alerts/deadLetterDocs';
import { deadLetterFromTrigger } from '../../../shared/alerts/deadLetterFromTrigger';
import { deadLetterIdParams } from '../../../shared/alerts/deadLetterIdParams';
import { recordDeadLetter } from '../../../shared/alerts/recordDeadLetter';
import { replayDeadLetter } from '../../../shared/alerts/replayDeadLetter';
import { cosmosDocStore } from '../../../shared/analytics/cosmosDocStore';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

const offline = useOfflineCosmos();

function recordingSender(fail = false) {
  const sent: ServiceBusMessage[] = [];
  const sender = {
    sendMessages: async (m: ServiceBusMessage) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw new Error('broker unreachable');
      sent.push(m);
    },
  } as unknown as ServiceBusSender;
  return { sent, sender };
}

describe('replayDeadLetter: exactly once per dead letter (conditional claim before the send)', () => {
  const store = () =>
    cosmosDocStore<DeadLetterAlertDoc>(offline.client.database('alerts').container('deadLetters'));

  async function deadLetter(n: number): Promise<string> {
    const meta = { messageId: `poison-${n}`, sequenceNumber: n, deliveryCount: 10 };
    const { alert } = await recordDeadLetter(deadLetterFromTrigger('orders', { n }, meta), {
      store: store(),
      alertTo: 'ops@orderflow.local',
      sendAlertCommand: () => Promise.resolve(),
    });
    return alert.id;
  }

  it('8 concurrent replays send one message and all answer its messageId, in 50 trials', async () => {
    const escapes: Array<{ trial: number; sent: number; ids: number; replays: number }> = [];
    for (let trial = 0; trial < 50; trial++) {
      const id = await deadLetter(1000 + trial);
      const { sent, sender } = recordingSender();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          replayDeadLetter(id, `admin${i}@orderflow.test`, {
            store: store(),
            senderFor: () => Promise.resolve(sender),
          }),
        ),
      );
      const ids = new Set(results.map((r) => r.messageId)).size;
      const replays = (await store().read(id))!.doc.replays.length;
      if (sent.length !== 1 || ids !== 1 || replays !== 1)
        escapes.push({ trial, sent: sent.length, ids, replays });
    }
    expect(escapes).toEqual([]);
  });

  it('a later replay answers the same messageId without sending again', async () => {
    const id = await deadLetter(1);
    const { sent, sender } = recordingSender();
    const first = await replayDeadLetter(id, 'a@orderflow.test', {
      store: store(),
      senderFor: () => Promise.resolve(sender),
    });
    const again = await replayDeadLetter(id, 'b@orderflow.test', {
      store: store(),
      senderFor: () => Promise.resolve(sender),
    });
    expect([first.replayedNow, again.replayedNow]).toEqual([true, false]);
    expect(again.messageId).toBe(first.messageId);
    expect(again.alert).toMatchObject({ replayedBy: 'a@orderflow.test' });
    expect(sent).toHaveLength(1);
  });

  it('a failed send withdraws the claim, so the next request replays it', async () => {
    const id = await deadLetter(2);
    await expect(
      replayDeadLetter(id, 'a@orderflow.test', {
        store: store(),
        senderFor: () => Promise.resolve(recordingSender(true).sender),
      }),
    ).rejects.toThrow('broker unreachable');
    const { sent, sender } = recordingSender();
    await expect(
      replayDeadLetter(id, 'a@orderflow.test', { store: store(), senderFor: () => Promise.resolve(sender) }),
    ).resolves.toMatchObject({
      replayedNow: true,
    });
    expect(sent).toHaveLength(1);
  });
});

describe('deadLetterIdParams', () => {
  it.each(['a/b', 'a\\b', 'a#b', 'a?b', ' ', 'a b', '', 'a\u0000b', 'a\u007fb', 'a\u001bb', 'x'.repeat(101)])(
    'refuses %j (400, never a database call)',
    (id) => {
      expect(deadLetterIdParams.safeParse({ id }).success).toBe(false);
    },
  );
});
