import { setTimeout as delay } from 'node:timers/promises';
import { call } from '../../tools/soak/apiCalls';
import { isDrained, queueCounts } from '../../tools/soak/brokerView';
import { checkBudget } from '../budget';
import { BenchError } from '../errors';
import { cosmosFloor } from '../http/cosmosFloor';
import { autocannonRun } from '../http/autocannonRun';
import { orderBodyText, registerAndLogin } from '../stack/apiClient';
import { cosmosContainer } from '../stack/cosmosContainer';
import { summarize } from '../stats';
import type { Bench, BenchOutcome } from '../types';
import { startPipelineStack } from './pipelineStack';

const CONNECTIONS = 16;
const LOAD_S = 15;
/** Load before the first round, so every process of the host has compiled its hot paths (a fresh worker has not). */
const WARM_S = 4;
const FLOOR_S = 5;
const ROUNDS = 3;
/** ADMIN_EMAILS of bench hosts (bench/stack/appSettings.ts): the dashboard refresh needs an admin. */
const ADMIN = 'bench-admin@orderflow.local';

/**
 * The host laid out as the Flex Consumption plan runs the app (per-function scaling: the HTTP functions on
 * instances of their own, every other trigger elsewhere): two worker processes, HTTP in the second, the relay,
 * projection, email sender, alerts and timer in the first, which yields the CPU to HTTP (LOCAL_HOST_TRIGGER_NICE,
 * default 5), as `npm run dev` runs it. For comparison: BENCH_E2E_LAYOUT=equal runs that layout with every process
 * at one priority, BENCH_E2E_LAYOUT=single the one-process host (`func start`'s default).
 */
function layout(): { name: string; settings: Record<string, string> } {
  const perFunction = { FUNCTIONS_WORKER_PROCESS_COUNT: '2', LOCAL_HOST_PER_FUNCTION_SCALING: 'true' };
  if (process.env.BENCH_E2E_LAYOUT === 'single')
    return { name: 'one worker process (HTTP and every trigger on one event loop)', settings: {} };
  if (process.env.BENCH_E2E_LAYOUT === 'equal')
    return {
      name: 'per-function scaling, every process at one CPU priority (LOCAL_HOST_TRIGGER_NICE=0)',
      settings: { ...perFunction, LOCAL_HOST_TRIGGER_NICE: '0' },
    };
  return {
    name: "per-function scaling (FUNCTIONS_WORKER_PROCESS_COUNT=2, LOCAL_HOST_PER_FUNCTION_SCALING=true: HTTP in its own worker process; the triggers' process at nice 5, LOCAL_HOST_TRIGGER_NICE's default)",
    settings: perFunction,
  };
}

/**
 * POSTs orders on `CONNECTIONS` keep-alive connections for `seconds` with autocannon (the load generator costs
 * the least of the processes sharing the cores, as in the http bench): how many were accepted (201), and when
 * the first went out. Any other answer fails the bench.
 */
async function postOrders(baseUrl: string, token: string, seconds: number) {
  const t0 = performance.now();
  const run = await autocannonRun({
    url: `${baseUrl}/api/orders`,
    connections: CONNECTIONS,
    durationS: seconds,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: orderBodyText,
  });
  if (run.failed > 0)
    throw new BenchError(`POST /api/orders: ${run.failed} of ${run.ok + run.failed} not 201`);
  return { accepted: run.ok, t0, seconds: (performance.now() - t0) / 1000 };
}

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

/**
 * Waits until no queue of the broker holds a message to deliver (the emails lag the dashboard: the sender is the
 * pipeline's slowest stage), so a floor is measured on an idle stack and a round starts with no backlog beside
 * it. Resolves with the seconds waited.
 */
async function pipelineIdle(brokerHttpUrl: string, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    const counts = await queueCounts(brokerHttpUrl);
    if (counts && isDrained(counts)) return (performance.now() - t0) / 1000;
    await delay(250);
  }
  throw new BenchError(`the broker's queues did not drain within ${timeoutMs / 1000} s`);
}

export const endToEndBench: Bench = {
  name: 'endtoend',
  title: 'End to end: orders per second from the first POST until the dashboard counts every one',
  maxMs: 300_000,
  async run(ctx): Promise<BenchOutcome> {
    const hostLayout = layout();
    const p = await startPipelineStack(ctx, { count: false, settings: hostLayout.settings });
    try {
      if (!p.stack.cosmos) throw new BenchError('the end-to-end bench needs the stack Cosmos DB');
      const brokerHttp = p.stack.serviceBus?.httpUrl;
      if (!brokerHttp)
        throw new BenchError("the end-to-end bench needs the broker's HTTP view (queue counts)");
      const admin = (await registerAndLogin(p.host.baseUrl, p.stack.cosmos.connectionString, ADMIN)).token;
      // The floor writes where no change feed consumer looks (orders/idempotency, same emulator, same document
      // size), so its documents do not flow through the pipeline being measured.
      const floorContainer = await cosmosContainer(p.stack, 'orders', 'idempotency');
      // Both sides warmed: the SDK client of the floor too (its first seconds run unoptimised code).
      const floorFor = (seconds: number) =>
        cosmosFloor({
          container: floorContainer,
          op: 'create',
          concurrency: CONNECTIONS,
          durationMs: seconds * 1000,
          customerId: 'bench-floor',
        });
      await floorFor(WARM_S);
      const warm = await postOrders(p.host.baseUrl, p.token, WARM_S);
      if ((await dashboardReaches(p.host.baseUrl, admin, warm.accepted, 120_000)) === undefined)
        throw new BenchError(`the ${warm.accepted} warm-up orders never reached the dashboard within 120 s`);
      const floors: number[] = [];
      const accepted: number[] = [];
      const endToEnd: number[] = [];
      const idleWaits: number[] = [];
      // At least one round; more while a round (about a minute on a loaded machine) still fits.
      for (
        let round = 0;
        round < ROUNDS && (round === 0 || performance.now() < ctx.deadline - 90_000);
        round++
      ) {
        idleWaits.push(await pipelineIdle(brokerHttp, 300_000));
        const floor = await floorFor(FLOOR_S);
        floors.push(floor.requestsPerSecond);
        const base = (await dashboardOrders(p.host.baseUrl, admin)) ?? 0;
        const { accepted: n, t0, seconds } = await postOrders(p.host.baseUrl, p.token, LOAD_S);
        accepted.push(n / seconds);
        const done = await dashboardReaches(p.host.baseUrl, admin, base + n, 120_000);
        if (done === undefined)
          throw new BenchError(`round ${round}: the dashboard never counted ${n} orders`);
        endToEnd.push(n / ((done - t0) / 1000));
        ctx.log(
          `round ${round}: queues drained after ${idleWaits.at(-1)!.toFixed(1)} s, floor ${floor.requestsPerSecond.toFixed(0)}/s, accepted ${accepted.at(-1)!.toFixed(0)}/s, end to end ${endToEnd.at(-1)!.toFixed(0)}/s`,
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
          `The host: ${hostLayout.name}; every function on, as \`npm run dev\` runs them. Warm-up before the first round: ${WARM_S} s of the floor's SDK creates, then ${WARM_S} s of the same POSTs, counted by the dashboard.`,
          `Before each floor the bench waits until the broker's queues hold nothing to deliver (the email sender, the slowest stage, finishes after the dashboard counts the orders): ${idleWaits.map((w) => w.toFixed(1)).join(', ')} s. The floor is thus measured on an idle stack, and no round starts beside the previous one's backlog.`,
          `${floors.length} rounds; each: the floor (${CONNECTIONS} SDK workers creating order-sized documents for ${FLOOR_S} s), then ${CONNECTIONS} keep-alive connections (autocannon) POSTing orders for ${LOAD_S} s with every function on (relay, projection, email sender to the mail catcher, dead-letter alerts, dashboard timer), then the dashboard refreshed every 250 ms until it counts them all.`,
          'The end-to-end rate divides the orders of a round by the time from its first POST to the dashboard counting the last one; the accepted rate by the time the POSTs took.',
        ],
      };
    } finally {
      await p.close();
    }
  },
};
