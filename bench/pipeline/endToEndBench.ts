import { setTimeout as delay } from 'node:timers/promises';
import { call } from '../../tools/soak/apiCalls';
import { checkBudget } from '../budget';
import { BenchError } from '../errors';
import { cosmosFloor } from '../http/cosmosFloor';
import { createOrder, registerAndLogin } from '../stack/apiClient';
import { cosmosContainer } from '../stack/cosmosContainer';
import { summarize } from '../stats';
import type { Bench, BenchOutcome } from '../types';
import { startPipelineStack } from './pipelineStack';

const CONNECTIONS = 16;
const LOAD_S = 15;
const FLOOR_S = 5;
const ROUNDS = 3;
/** ADMIN_EMAILS of bench hosts (bench/stack/appSettings.ts): the dashboard refresh needs an admin. */
const ADMIN = 'bench-admin@orderflow.local';

/** What the dashboard counts now (a refresh: computed from the aggregates at this moment). */
async function dashboardOrders(baseUrl: string, adminToken: string): Promise<number | undefined> {
  const res = await call(baseUrl, 'POST', '/api/analytics/dashboard/refresh', undefined, {
    authorization: `Bearer ${adminToken}`,
  });
  return res.status === 200 ? (res.json as { totals: { orders: number } }).totals.orders : undefined;
}

/** Resolves with performance.now() once the dashboard counts `target` orders, or undefined after `timeoutMs`. */
async function dashboardReaches(baseUrl: string, token: string, target: number, timeoutMs: number) {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (((await dashboardOrders(baseUrl, token)) ?? -1) >= target) return performance.now();
    await delay(250);
  }
  return undefined;
}

export const endToEndBench: Bench = {
  name: 'endtoend',
  title: 'End to end: orders per second from the first POST until the dashboard counts every one',
  maxMs: 300_000,
  async run(ctx): Promise<BenchOutcome> {
    const p = await startPipelineStack(ctx, { count: false });
    try {
      if (!p.stack.cosmos) throw new BenchError('the end-to-end bench needs the stack Cosmos DB');
      const admin = (await registerAndLogin(p.host.baseUrl, p.stack.cosmos.connectionString, ADMIN)).token;
      // The floor writes where no change feed consumer looks (orders/idempotency, same emulator, same document
      // size), so its documents do not flow through the pipeline being measured.
      const floorContainer = await cosmosContainer(p.stack, 'orders', 'idempotency');
      const warm = await Promise.all(Array.from({ length: 20 }, () => createOrder(p.host.baseUrl, p.token)));
      if ((await dashboardReaches(p.host.baseUrl, admin, warm.length, 60_000)) === undefined)
        throw new BenchError('the 20 warm-up orders never reached the dashboard within 60 s');
      const floors: number[] = [];
      const accepted: number[] = [];
      const endToEnd: number[] = [];
      // At least one round; more while a round (about a minute on a loaded machine) still fits.
      for (
        let round = 0;
        round < ROUNDS && (round === 0 || performance.now() < ctx.deadline - 90_000);
        round++
      ) {
        const floor = await cosmosFloor({
          container: floorContainer,
          op: 'create',
          concurrency: CONNECTIONS,
          durationMs: FLOOR_S * 1000,
          customerId: 'bench-floor',
        });
        floors.push(floor.requestsPerSecond);
        const base = (await dashboardOrders(p.host.baseUrl, admin)) ?? 0;
        let n = 0;
        const t0 = performance.now();
        const stopAt = t0 + LOAD_S * 1000;
        await Promise.all(
          Array.from({ length: CONNECTIONS }, async () => {
            while (performance.now() < stopAt) {
              await createOrder(p.host.baseUrl, p.token);
              n++;
            }
          }),
        );
        accepted.push(n / ((performance.now() - t0) / 1000));
        const done = await dashboardReaches(p.host.baseUrl, admin, base + n, 120_000);
        if (done === undefined)
          throw new BenchError(`round ${round}: the dashboard never counted ${n} orders`);
        endToEnd.push(n / ((done - t0) / 1000));
        ctx.log(
          `round ${round}: floor ${floor.requestsPerSecond.toFixed(0)}/s, accepted ${accepted.at(-1)!.toFixed(0)}/s, end to end ${endToEnd.at(-1)!.toFixed(0)}/s`,
        );
      }
      const floor = summarize(floors);
      // Paired per round: each round's figures against the floor measured just before them.
      const ratio = (xs: number[]) => summarize(xs.map((x, i) => x / floors[i]!)).median;
      const acceptedRatio = ratio(accepted);
      const endToEndRatio = ratio(endToEnd);
      const floorRef = { name: 'SDK create, same concurrency', summary: floor };
      return {
        figures: [
          {
            name: 'accepted POSTs while the pipeline runs',
            unit: 'orders/s',
            summary: summarize(accepted),
            floor: floorRef,
            ratio: acceptedRatio,
          },
          {
            name: 'end to end (first POST until the dashboard counts every order)',
            unit: 'orders/s',
            summary: summarize(endToEnd),
            floor: floorRef,
            ratio: endToEndRatio,
          },
        ],
        budgets: [
          checkBudget({
            statement: 'end to end vs SDK create floor',
            actual: endToEndRatio,
            op: '>=',
            limit: 0.1,
            unit: 'x',
          }),
          checkBudget({
            statement: 'accepted POSTs (pipeline running) vs SDK create floor',
            actual: acceptedRatio,
            op: '>=',
            limit: 0.3,
            unit: 'x',
          }),
        ],
        notes: [
          `${floors.length} rounds; each: the floor (${CONNECTIONS} SDK workers creating order-sized documents for ${FLOOR_S} s), then ${CONNECTIONS} connections POSTing orders for ${LOAD_S} s with every function on (relay, projection, email sender to the mail catcher, dead-letter alerts, dashboard timer), then the dashboard refreshed every 250 ms until it counts them all.`,
          'The end-to-end rate divides the orders of a round by the time from its first POST to the dashboard counting the last one; the accepted rate by the time the POSTs took.',
        ],
      };
    } finally {
      await p.close();
    }
  },
};
