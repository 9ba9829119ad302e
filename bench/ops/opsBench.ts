import { setTimeout as delay } from 'node:timers/promises';
import { AGGREGATE_SHARDS, shardOf } from '../../shared/analytics/analyticsDocs';
import { checkBudget } from '../budget';
import { BenchError } from '../errors';
import { startPipelineStack } from '../pipeline/pipelineStack';
import { watchProjections } from '../pipeline/projectionWatcher';
import { createOrder } from '../stack/apiClient';
import { summarize } from '../stats';
import type { Bench, BenchOutcome } from '../types';
import type { AmqpCountingProxy, AmqpOp } from './amqpCountingProxy';
import type { CountedRequest, CountingProxy } from './countingProxy';
import { designMinimum, minimumFor } from './designMinimum';
import { perOrder, sumTally, tally, type Tally } from './tally';

const ORDERS = 10;
const IDLE_MS = 4_000;
const QUIET_MS = 400;

// A failed transactional batch answers 207 Multi-Status (nothing written): counted apart from the batches that wrote.
const cosmosKey = (r: CountedRequest): string =>
  r.op === 'changeFeed' && r.status === 304
    ? `${r.resource} changeFeed (nothing new)`
    : `${r.resource} ${r.op}${r.status >= 400 || r.status === 207 ? ` -> ${r.status}` : ''}`;
const amqpKey = (o: AmqpOp): string => `${o.address} ${o.op}`;

/** Waits until neither proxy has seen a new operation for QUIET_MS (idle polls aside), at most `timeoutMs`. */
async function quiet(cosmos: CountingProxy, amqp: AmqpCountingProxy, timeoutMs: number): Promise<void> {
  const busy = (): number =>
    cosmos.requests().filter((r) => !(r.op === 'changeFeed' && r.status === 304)).length + amqp.ops().length;
  const end = performance.now() + timeoutMs;
  let last = busy();
  let since = performance.now();
  while (performance.now() < end) {
    await delay(50);
    const now = busy();
    if (now !== last) {
      last = now;
      since = performance.now();
    } else if (performance.now() - since >= QUIET_MS) return;
  }
}

function table(t: Tally): string {
  if (Object.keys(t).length === 0) return 'none';
  return Object.entries(t)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}

export const opsBench: Bench = {
  name: 'ops',
  title: 'Operations per created order (Cosmos DB requests, Service Bus operations)',
  maxMs: 150_000,
  async run(ctx): Promise<BenchOutcome> {
    const p = await startPipelineStack(ctx, { count: true });
    const cosmos = p.cosmosProxy!;
    const amqp = p.amqpProxy!;
    const watcher = await watchProjections(p.projections);
    const emailsSettled = (): number =>
      amqp.ops().filter((o) => o.address === 'emails' && o.op.startsWith('settle')).length;
    const oneOrder = async (emailsBefore: number): Promise<void> => {
      const { id } = await createOrder(p.host.baseUrl, p.token);
      const missing = await watcher.waitFor([id], 30_000);
      if (missing.length > 0) throw new BenchError(`order ${id} never reached the projection within 30 s`);
      const end = performance.now() + 30_000;
      while (emailsSettled() <= emailsBefore && performance.now() < end) await delay(20);
      await quiet(cosmos, amqp, 10_000);
    };
    try {
      // Warm: first-use clients, links, leases, lazy chunks, and today's aggregate document of every shard
      // (created once a day per shard, not per order): the steady state is what an order costs. Order ids are
      // random, so covering every shard takes about 54 orders on average (coupon collector); 400 bounds it.
      const shards = new Set<number>();
      for (let i = 0; i < 400 && shards.size < AGGREGATE_SHARDS; i++) {
        const { id } = await createOrder(p.host.baseUrl, p.token);
        shards.add(shardOf(id));
        if ((await watcher.waitFor([id], 30_000)).length > 0)
          throw new BenchError(`warm-up order ${id} never reached the projection`);
      }
      if (shards.size < AGGREGATE_SHARDS)
        throw new BenchError(`warm-up reached ${shards.size} of ${AGGREGATE_SHARDS} shards in 400 orders`);
      await quiet(cosmos, amqp, 10_000);
      cosmos.reset();
      amqp.reset();
      const idleStart = performance.now();
      await delay(IDLE_MS);
      const idleSeconds = (performance.now() - idleStart) / 1000;
      const idleCosmos = tally(cosmos.requests().map(cosmosKey));
      const idleAmqp = tally(amqp.ops().map(amqpKey));

      cosmos.reset();
      amqp.reset();
      const start = performance.now();
      for (let i = 0; i < ORDERS; i++) await oneOrder(emailsSettled());
      const seconds = (performance.now() - start) / 1000;
      const cosmosPer = perOrder(
        tally(cosmos.requests().map(cosmosKey)),
        seconds,
        idleCosmos,
        idleSeconds,
        ORDERS,
      );
      const amqpPer = perOrder(tally(amqp.ops().map(amqpKey)), seconds, idleAmqp, idleSeconds, ORDERS);
      const cosmosTotal = sumTally(cosmosPer);
      const amqpTotal = sumTally(amqpPer);
      const cosmosMin = minimumFor('Cosmos DB');
      const amqpMin = minimumFor('Service Bus');
      return {
        figures: [
          {
            name: 'Cosmos DB requests per created order',
            unit: 'requests',
            summary: summarize([cosmosTotal]),
            floor: { name: 'design minimum', summary: summarize([cosmosMin]) },
            ratio: cosmosTotal / cosmosMin,
          },
          {
            name: 'Service Bus operations per created order',
            unit: 'operations',
            summary: summarize([amqpTotal]),
            floor: { name: 'design minimum', summary: summarize([amqpMin]) },
            ratio: amqpTotal / amqpMin,
          },
        ],
        budgets: [
          checkBudget({
            statement: 'Cosmos DB requests per created order, at most the design minimum + 1',
            actual: cosmosTotal,
            op: '<=',
            limit: cosmosMin + 1,
            unit: '',
          }),
          checkBudget({
            statement: 'Service Bus operations per created order, at most the design minimum + 1',
            actual: amqpTotal,
            op: '<=',
            limit: amqpMin + 1,
            unit: '',
          }),
        ],
        notes: [
          `Measured per order in the steady state (warm clients; today's aggregate documents exist in all ${AGGREGATE_SHARDS} shards; ${ORDERS} orders, one at a time, each followed to the projection and to its confirmation email being settled, net of an idle pipeline's rate over ${IDLE_MS / 1000} s): Cosmos DB ${table(cosmosPer)}.`,
          `Service Bus per order: ${table(amqpPer)}.`,
          `Idle pipeline, per second (not per order): Cosmos DB ${table(Object.fromEntries(Object.entries(idleCosmos).map(([k, v]) => [k, Math.round((v / idleSeconds) * 10) / 10])))}; Service Bus ${table(Object.fromEntries(Object.entries(idleAmqp).map(([k, v]) => [k, Math.round((v / idleSeconds) * 10) / 10])))}.`,
          `Design minimum (${cosmosMin} Cosmos DB requests, ${amqpMin} Service Bus operations): ${designMinimum.map((e) => `${e.what} ${e.count} (${e.why})`).join('; ')}.`,
          'Counted on the wire by pass-through proxies in front of the offline Cosmos DB (HTTP requests by resource, kind and status) and the offline broker (AMQP frames decoded with rhea: transfers from the app are sends, transfers to it deliveries, its dispositions settlements). SDK metadata reads (account, containers, partition ranges) are per process and land in the idle rate or round to zero.',
        ],
        details: { cosmosPer, amqpPer, idleCosmos, idleAmqp, idleSeconds, seconds },
      };
    } finally {
      await watcher.stop();
      await p.close();
    }
  },
};
