import type { CosmosClient } from '@azure/cosmos';
import { orderCounters, sumCounters, type Counters } from '../../shared/analytics/counters';
import type { OrderSnapshot } from '../../shared/events/orderEvent';
import { POISON_PREFIX } from './poisonInjector';

export interface Verdict {
  name: string;
  ok: boolean;
  detail: string;
}

const query = async <T>(cosmos: CosmosClient, db: string, container: string, sql: string): Promise<T[]> =>
  (await cosmos.database(db).container(container).items.query<T>(sql).fetchAll()).resources;

function diff(expected: Counters, actual: Counters): string[] {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...keys]
    .filter((k) => (expected[k] ?? 0) !== (actual[k] ?? 0))
    .slice(0, 5)
    .map((k) => `${k}: expected ${expected[k] ?? 0}, got ${actual[k] ?? 0}`);
}

/**
 * Every accepted order is in the orders store and in analytics exactly once: one projection per stored order,
 * and the shard totals and day documents each sum to exactly what the stored orders contribute
 * (orderCounters of each, the same function the projection uses).
 */
export async function checkExactlyOnce(
  cosmos: CosmosClient,
  accepted: ReadonlySet<string>,
): Promise<Verdict[]> {
  const store = await query<OrderSnapshot>(
    cosmos,
    'orders',
    'orders',
    'SELECT c.id, c.status, c.createdAt, c.pricing, c.currency, c.items FROM c WHERE IS_DEFINED(c.pricing)',
  );
  const stored = new Set(store.map((o) => o.id));
  const lost = [...accepted].filter((id) => !stored.has(id));
  const expected = sumCounters(store.map(orderCounters));
  const [projected] = await query<number>(
    cosmos,
    'analytics',
    'projections',
    "SELECT VALUE COUNT(1) FROM c WHERE c.kind = 'order'",
  );
  const sumOf = async (kind: string) =>
    sumCounters(
      (
        await query<{ counters: Counters }>(
          cosmos,
          'analytics',
          'projections',
          `SELECT c.counters FROM c WHERE c.kind = '${kind}'`,
        )
      ).map((d) => d.counters),
    );
  const [totals, days] = await Promise.all([sumOf('totals'), sumOf('day')]);
  const totalsDiff = diff(expected, totals);
  const daysDiff = diff(expected, days);
  return [
    {
      name: 'every accepted order (201) is in the orders store',
      ok: lost.length === 0,
      detail: `${accepted.size} accepted, ${store.length} stored, ${lost.length} lost${lost.length ? ` (${lost.slice(0, 5).join(', ')})` : ''}`,
    },
    {
      name: 'one projection per stored order',
      ok: projected === store.length,
      detail: `${projected ?? 0} projections for ${store.length} orders`,
    },
    {
      name: 'aggregates (shard totals, day documents) equal the orders store',
      ok: totalsDiff.length === 0 && daysDiff.length === 0,
      detail:
        totalsDiff.length + daysDiff.length === 0
          ? `orders ${expected.orders ?? 0}, revenue ${expected.revenue ?? 0}, cancelled ${expected.cancelled ?? 0}`
          : `totals: ${totalsDiff.join('; ') || 'equal'}; days: ${daysDiff.join('; ') || 'equal'}`,
    },
  ];
}

/**
 * One confirmation email per accepted order. Repeats are allowed only in the crash window docs/event-pipeline.md
 * documents (the process dies after SMTP accepted the mail and before `sent` is recorded): at most one per
 * email being sent at the crash, so at most `allowedRepeats` over the run.
 */
export async function checkEmails(
  cosmos: CosmosClient,
  byCommand: ReadonlyMap<string, number>,
  accepted: ReadonlySet<string>,
  allowedRepeats: number,
): Promise<Verdict[]> {
  // The relay sends no confirmation for an order it first sees already cancelled: latest-version change feed can
  // fold a creation and a quick cancel into one version (docs/event-pipeline.md). Such an order must still have
  // its cancellation email.
  const cancelled = new Set(
    await query<string>(cosmos, 'orders', 'orders', "SELECT VALUE c.id FROM c WHERE c.status = 'cancelled'"),
  );
  const statusMailed = new Set(
    [...byCommand.keys()].filter((k) => k.endsWith(':orderStatusChanged')).map((k) => k.split(':')[0]),
  );
  const unconfirmed = [...accepted].filter((id) => (byCommand.get(`${id}:1:orderConfirmation`) ?? 0) === 0);
  const folded = unconfirmed.filter((id) => cancelled.has(id) && statusMailed.has(id));
  const missing = unconfirmed.filter((id) => !folded.includes(id));
  // Where a missing email stopped: the email service's claim of its command (none = the command never arrived).
  const claims = await Promise.all(
    missing.slice(0, 5).map(async (id) => {
      const { resource } = await cosmos
        .database('email')
        .container('sentEmails')
        .item(`${id}:1:orderConfirmation`, `${id}:1:orderConfirmation`)
        .read<{ state?: string }>()
        .catch(() => ({ resource: undefined }));
      return `${id}: claim ${resource?.state ?? 'none'}`;
    }),
  );
  let repeats = 0;
  for (const n of byCommand.values()) repeats += n - 1;
  return [
    {
      name: 'every accepted order got its confirmation email (or, cancelled at once, its cancellation email)',
      ok: missing.length === 0,
      detail: `${accepted.size - unconfirmed.length} of ${accepted.size}, plus ${folded.length} cancelled before the relay saw them, which got their cancellation email instead${missing.length ? `; missing e.g. ${claims.join(', ')}` : ''}`,
    },
    {
      name: 'every email sent once, repeats only in the documented crash window',
      ok: repeats <= allowedRepeats,
      detail: `${byCommand.size} distinct emails, ${repeats} repeated (bound ${allowedRepeats})`,
    },
  ];
}

/** Dead letters only for the injected poison, each with exactly one alert and one operator email. */
export async function checkDeadLetters(
  cosmos: CosmosClient,
  byCommand: ReadonlyMap<string, number>,
  poison: { sent: readonly string[]; unacknowledged: readonly string[] },
): Promise<Verdict[]> {
  const alerts = await query<{ id: string; messageId: string }>(
    cosmos,
    'alerts',
    'deadLetters',
    'SELECT c.id, c.messageId FROM c',
  );
  const perMessage = new Map<string, number>();
  for (const a of alerts) perMessage.set(a.messageId, (perMessage.get(a.messageId) ?? 0) + 1);
  const stray = alerts.filter((a) => !a.messageId.startsWith(POISON_PREFIX));
  const unknownPoison = alerts.filter(
    (a) =>
      a.messageId.startsWith(POISON_PREFIX) &&
      !poison.sent.includes(a.messageId) &&
      !poison.unacknowledged.includes(a.messageId),
  );
  const notOnce = poison.sent.filter((id) => perMessage.get(id) !== 1);
  const noEmail = alerts.filter((a) => !byCommand.has(`alert:${a.id}`.slice(0, 128)));
  return [
    {
      name: 'dead letters only for the injected poison messages',
      ok: stray.length === 0 && unknownPoison.length === 0,
      detail: `${alerts.length} alerts, ${stray.length} not poison${
        stray.length
          ? ` (e.g. ${stray
              .slice(0, 3)
              .map((a) => a.messageId)
              .join(', ')})`
          : ''
      }`,
    },
    {
      name: 'each poison message has exactly one alert and its operator email',
      ok: notOnce.length === 0 && noEmail.length === 0,
      detail: `${poison.sent.length} poison sent; ${notOnce.length} without exactly one alert${
        notOnce.length
          ? ` (${notOnce
              .slice(0, 3)
              .map((id) => `${id}: ${perMessage.get(id) ?? 0}`)
              .join(', ')})`
          : ''
      }; ${noEmail.length} alerts without an email`,
    },
  ];
}
