import type { Container } from '@azure/cosmos';
import { prepareBundledApp } from '../coldStart/prepareApps';
import { repeatBounded } from '../limits';
import { requireFiles } from '../parts';
import { createOrder, orderBodyText } from '../stack/apiClient';
import { customerToken } from '../stack/customerToken';
import { appSettings, benchJwtKeys } from '../stack/appSettings';
import { cosmosContainer } from '../stack/cosmosContainer';
import { startHostProcess } from '../stack/hostProcess';
import { startOfflineStack } from '../stack/offlineStack';
import { summarize } from '../stats';
import type { Bench, BenchOutcome } from '../types';
import { autocannonRun } from './autocannonRun';
import { figuresFor, type Pair } from './httpFigures';
import { cpuPerOp } from './cpuPerOp';
import { cosmosFloor } from './cosmosFloor';
import type { LoadResult } from './loadResult';

const CONNECTIONS = 10;
const SECONDS = 4;
const ROUNDS = 3;
const READ_SET = 100;
/**
 * FUNCTIONS_WORKER_PROCESS_COUNT of the measured host: one worker per core, as one would set on a 2-vCPU plan.
 * BENCH_HTTP_WORKERS overrides it to compare (1 = a single event loop).
 */
export const HTTP_BENCH_WORKERS = Number(process.env.BENCH_HTTP_WORKERS ?? 2);

export const httpBench: Bench = {
  name: 'http',
  title: 'HTTP API through the local host',
  maxMs: 120_000,
  async run(ctx): Promise<BenchOutcome> {
    requireFiles(ctx.root, ['tools/host/Host.ts', 'functions/orders'], 'the order API on the local host');
    const bundled = await prepareBundledApp(ctx.root, ctx.tmpDir);
    // Registration queues a verification mail on Service Bus: without a broker it answers 503.
    const stack = await startOfflineStack(ctx.root, { serviceBus: true });
    try {
      const jwtKeys = benchJwtKeys();
      const probe = await startHostProcess({
        root: ctx.root,
        tmpDir: ctx.tmpDir,
        appDir: bundled.appDir,
        env: appSettings(stack, jwtKeys),
      });
      const disabled: Record<string, string> = {};
      for (const f of probe.functions)
        if (!/^httptrigger$/i.test(f.trigger)) disabled[`AzureWebJobs.${f.name}.Disabled`] = 'true';
      await probe.close();
      const host = await startHostProcess({
        root: ctx.root,
        tmpDir: ctx.tmpDir,
        appDir: bundled.appDir,
        env: appSettings(stack, jwtKeys, {
          ...disabled,
          FUNCTIONS_WORKER_PROCESS_COUNT: String(HTTP_BENCH_WORKERS),
        }),
      });
      try {
        const { token } = await customerToken(ctx.root, host.baseUrl, jwtKeys, stack);
        const readSet: Array<{ id: string; customerId: string }> = [];
        for (let i = 0; i < READ_SET; i++) readSet.push(await createOrder(host.baseUrl, token));
        const customerId = readSet[0]!.customerId;
        const container: Container = await cosmosContainer(stack, 'orders', 'orders');
        const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
        const paths = readSet.map((o) => `/api/orders/${o.id}`);
        // Warm both paths (lazy chunks, connection pools) before anything is recorded.
        await autocannonRun({
          url: host.baseUrl,
          connections: CONNECTIONS,
          durationS: 1,
          method: 'POST',
          headers,
          body: orderBodyText,
          paths: ['/api/orders'],
        });
        await autocannonRun({
          url: host.baseUrl,
          connections: CONNECTIONS,
          durationS: 1,
          method: 'GET',
          headers,
          paths,
        });
        await cosmosFloor({
          container,
          op: 'create',
          concurrency: CONNECTIONS,
          durationMs: 1000,
          customerId,
        });
        const posts: Pair[] = [];
        const gets: Pair[] = [];
        const healths: LoadResult[] = [];
        await repeatBounded({ count: ROUNDS, min: 2, deadline: ctx.deadline - 25_000 }, async () => {
          const pid = host.child.pid;
          const measured = async (
            api: () => Promise<LoadResult>,
            floor: () => Promise<LoadResult>,
          ): Promise<Pair> => {
            const a =
              pid === undefined ? { result: await api(), cpuUsPerOp: undefined } : await cpuPerOp(pid, api);
            const f = await cpuPerOp('self', floor);
            return { api: a.result, floor: f.result, apiCpuUs: a.cpuUsPerOp, floorCpuUs: f.cpuUsPerOp };
          };
          posts.push(
            await measured(
              () =>
                autocannonRun({
                  url: host.baseUrl,
                  connections: CONNECTIONS,
                  durationS: SECONDS,
                  method: 'POST',
                  headers,
                  body: orderBodyText,
                  paths: ['/api/orders'],
                }),
              () =>
                cosmosFloor({
                  container,
                  op: 'create',
                  concurrency: CONNECTIONS,
                  durationMs: SECONDS * 1000,
                  customerId,
                }),
            ),
          );
          gets.push(
            await measured(
              () =>
                autocannonRun({
                  url: host.baseUrl,
                  connections: CONNECTIONS,
                  durationS: SECONDS,
                  method: 'GET',
                  headers,
                  paths,
                }),
              () =>
                cosmosFloor({
                  container,
                  op: 'read',
                  concurrency: CONNECTIONS,
                  durationMs: SECONDS * 1000,
                  readIds: readSet,
                  customerId,
                }),
            ),
          );
          // Context, not a budget: what the host alone serves (no auth, no Cosmos DB), the ceiling the API
          // path shares the machine with.
          healths.push(
            await autocannonRun({
              url: host.baseUrl,
              connections: CONNECTIONS,
              durationS: 2,
              method: 'GET',
              headers: {},
              paths: ['/api/health'],
            }),
          );
        });
        const post = figuresFor('POST /api/orders', 'SDK create', posts);
        const get = figuresFor('GET /api/orders/{id}', 'SDK point read', gets);
        const failed = [...posts, ...gets].reduce((n, p) => n + p.api.failed + p.floor.failed, 0);
        return {
          figures: [
            ...post.figures,
            ...get.figures,
            {
              name: 'GET /api/health (host only: no auth, no Cosmos DB)',
              unit: 'req/s',
              summary: summarize(healths.map((h) => h.requestsPerSecond)),
            },
            { name: 'GET /api/health p99', unit: 'ms', summary: summarize(healths.map((h) => h.p99Ms)) },
          ],
          budgets: [...post.budgets, ...get.budgets],
          notes: [
            `autocannon, ${CONNECTIONS} connections, ${SECONDS} s a run, ${posts.length} rounds; each round runs the API then its floor, so both see the same machine load. Only 2xx count as served; non-2xx and errors: ${failed} in all runs.`,
            'Floor: the same Cosmos DB operation (create of an order-sized document in the same partition; point read of the same documents the API reads) through @azure/cosmos with the same concurrency from the bench process, against the same offline Cosmos DB: no host, no auth, no validation.',
            'POST is sent without Idempotency-Key. The host runs the bundled app with non-HTTP functions disabled, so the relay and consumers do not compete for the CPU (the pipeline bench measures them).',
            `The host runs with FUNCTIONS_WORKER_PROCESS_COUNT=${HTTP_BENCH_WORKERS}: one worker per core, as one would set on a 2-vCPU plan (the host process keeps the port and deals the ${CONNECTIONS} keep-alive connections round-robin to itself and its worker, each loading the app). With 1, its single event loop is the bottleneck at 100 % of one core while the Cosmos DB emulator and autocannon leave the other partly idle; measured here with both counts, 2 workers gave POST 0.58-0.61x against 0.50-0.55x and GET 0.63-0.71x against 0.57-0.64x (bench/http/abCompare.ts, AB_B_WORKERS=2: throughput 1.2-1.3x). BENCH_HTTP_WORKERS=1 runs the single-process host. The floor and the budgets are unchanged.`,
            "CPU per request (Linux /proc): of the host process and its workers together, which carry the SDK call plus HTTP, invocation and the handler; the floor's is the SDK client's (this process). On 2 cores the host's processes, the Cosmos DB emulator and autocannon share the machine, where the floor has 2 processes.",
          ],
          details: { posts, gets, healths },
        };
      } finally {
        await host.close();
      }
    } finally {
      await stack.close();
    }
  },
};
