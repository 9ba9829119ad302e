import type { ServiceBusMessage } from '@azure/service-bus';
import { PoisonMessageError, RetriesExhaustedError } from '../../../shared/events/errors';
import {
  RETRY_ATTEMPT,
  RETRY_OF,
  RETRY_SINCE,
  withTransientRetry,
  type DeliveredMessage,
} from '../../../shared/events/retryTransient';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8081'), { code: 'ECONNREFUSED' });

function setup(start = Date.parse('2026-12-06T10:00:00.000Z')) {
  let clock = start;
  const scheduled: Array<{ copy: ServiceBusMessage; at: Date }> = [];
  const sleeps: number[] = [];
  const init = {
    schedule: (copy: ServiceBusMessage, at: Date) => {
      scheduled.push({ copy, at });
      return Promise.resolve();
    },
    now: () => new Date(clock),
    sleep: (ms: number) => {
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
  };
  return { init, scheduled, sleeps, advance: (ms: number) => (clock += ms) };
}

const msg = (props: Record<string, unknown> = {}): DeliveredMessage => ({
  body: { id: 'o-1:2' },
  messageId: 'o-1:2',
  subject: 'OrderPlaced',
  contentType: 'application/json',
  applicationProperties: { eventType: 'OrderPlaced', ...props },
});

describe('withTransientRetry', () => {
  it('returns the work value when it succeeds after transient failures within the in-process tries', async () => {
    const { init, scheduled, sleeps } = setup();
    let calls = 0;
    const out = await withTransientRetry(
      msg(),
      () => (++calls < 3 ? Promise.reject(refused()) : Promise.resolve('applied')),
      init,
    );
    expect(out).toEqual({ kind: 'done', value: 'applied' });
    expect(sleeps).toEqual([250, 1000]);
    expect(scheduled).toEqual([]);
  });

  it('rethrows poison at once, without retrying or scheduling', async () => {
    const { init, scheduled, sleeps } = setup();
    const poison = new PoisonMessageError('not an order event');
    await expect(withTransientRetry(msg(), () => Promise.reject(poison), init)).rejects.toBe(poison);
    expect({ sleeps, scheduled }).toEqual({ sleeps: [], scheduled: [] });
  });

  it('schedules a copy with a new deterministic id and the attempt, first failure and first id as properties', async () => {
    const { init, scheduled } = setup();
    const out = await withTransientRetry(msg(), () => Promise.reject(refused()), init);
    expect(out.kind).toBe('rescheduled');
    expect(scheduled).toHaveLength(1);
    const [{ copy, at }] = scheduled as [{ copy: ServiceBusMessage; at: Date }];
    expect(copy).toEqual({
      body: { id: 'o-1:2' },
      messageId: 'o-1:2~retry1',
      subject: 'OrderPlaced',
      contentType: 'application/json',
      applicationProperties: {
        eventType: 'OrderPlaced',
        [RETRY_ATTEMPT]: 1,
        // The first failure: after the in-process waits of 4.25 s.
        [RETRY_SINCE]: '2026-12-06T10:00:04.250Z',
        [RETRY_OF]: 'o-1:2',
      },
    });
    expect(at.toISOString()).toBe('2026-12-06T10:00:09.250Z'); // 5 s later
  });

  it('doubles the delay per attempt up to the cap, keeping the first id and first failure time', async () => {
    const { init, scheduled } = setup();
    const since = '2026-12-06T09:59:00.000Z';
    for (const attempt of [1, 2, 3, 4, 5, 9]) {
      await withTransientRetry(
        msg({ [RETRY_ATTEMPT]: attempt, [RETRY_SINCE]: since, [RETRY_OF]: 'o-1:2' }),
        () => Promise.reject(refused()),
        { ...init, inProcessDelaysMs: [] },
      );
    }
    const now = Date.parse('2026-12-06T10:00:00.000Z');
    expect(scheduled.map((s) => (s.at.getTime() - now) / 1000)).toEqual([10, 20, 40, 60, 60, 60]);
    expect(scheduled.map((s) => s.copy.messageId)).toEqual([2, 3, 4, 5, 6, 10].map((n) => `o-1:2~retry${n}`));
    expect(new Set(scheduled.map((s) => s.copy.applicationProperties?.[RETRY_SINCE]))).toEqual(
      new Set([since]),
    );
  });

  it('gives up past the total budget since the first failure: the error surfaces for dead-lettering', async () => {
    const { init, scheduled } = setup();
    const since = new Date(Date.parse('2026-12-06T10:00:00.000Z') - 15 * 60_000).toISOString();
    await expect(
      withTransientRetry(
        msg({ [RETRY_ATTEMPT]: 12, [RETRY_SINCE]: since, [RETRY_OF]: 'o-1:2' }),
        () => Promise.reject(refused()),
        { ...init, inProcessDelaysMs: [] },
      ),
    ).rejects.toBeInstanceOf(RetriesExhaustedError);
    expect(scheduled).toEqual([]);
  });

  it('surfaces a failed schedule, so the trigger abandons the original (nothing lost)', async () => {
    const { init } = setup();
    const down = new Error('broker down');
    await expect(
      withTransientRetry(msg(), () => Promise.reject(refused()), {
        ...init,
        inProcessDelaysMs: [],
        schedule: () => Promise.reject(down),
      }),
    ).rejects.toBe(down);
  });

  it('keeps a copy id within the 128-character messageId limit', async () => {
    const { init, scheduled } = setup();
    await withTransientRetry({ ...msg(), messageId: 'x'.repeat(128) }, () => Promise.reject(refused()), {
      ...init,
      inProcessDelaysMs: [],
    });
    const id = String(scheduled[0]?.copy.messageId);
    expect(id.length).toBeLessThanOrEqual(128);
    expect(id).toMatch(/~retry1$/);
  });
});
