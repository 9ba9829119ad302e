import { setTimeout as delay } from 'node:timers/promises';
import { checkBudget } from '../budget';
import { BenchError } from '../errors';
import { tally } from '../ops/tally';
import { createOrder } from '../stack/apiClient';
import { summarize } from '../stats';
import { percentile } from '../stats';
import type { Bench, BenchOutcome } from '../types';
import { FEED_POLL_DELAY_MS, startPipelineStack } from './pipelineStack';
import { WATCH_INTERVAL_MS, watchProjections } from './projectionWatcher';

const ORDERS = 2_000;
const RATE_PER_S = 25;
const MAX_IN_FLIGHT = 32;
const WARMUP_ORDERS = 20;

export const pipelineBench: Bench = {
  name: 'pipeline',
  title: 'Event pipeline: order created to analytics projection',
  maxMs: 180_000,
  async run(ctx): Promise<BenchOutcome> {
    // BENCH_PIPELINE_COUNT=1: through the counting proxies, to see where requests go (diagnosis only: the
    // proxies add a hop to every request, so the figures of such a run are not the budget's).
    const counting = process.env.BENCH_PIPELINE_COUNT === '1';
    const p = await startPipelineStack(ctx, { count: counting });
    const watcher = await watchProjections(p.projections);
    try {
      // Warm: lazy chunks, SDK links, leases; then wait until those orders arrive so the run starts quiet.
      const warm = await Promise.all(
        Array.from({ length: WARMUP_ORDERS }, () => createOrder(p.host.baseUrl, p.token)),
      );
      const warmMissing = await watcher.waitFor(
        warm.map((o) => o.id),
        60_000,
      );
      if (warmMissing.length > 0)
        throw new BenchError(
          `${warmMissing.length} of ${WARMUP_ORDERS} warm-up orders never reached the projection within 60 s`,
        );

      const created = new Map<string, number>();
      let inFlight = 0;
      let failures = 0;
      let lagging = 0;
      const started = performance.now();
      const sendDeadline = Math.min(ctx.deadline - 70_000, started + (ORDERS / RATE_PER_S) * 1000 * 2);
      const pending: Array<Promise<void>> = [];
      for (let i = 0; i < ORDERS; i++) {
        const due = started + (i * 1000) / RATE_PER_S;
        const wait = due - performance.now();
        if (wait > 0) await delay(wait);
        else if (wait < -100) lagging++;
        while (inFlight >= MAX_IN_FLIGHT) await delay(1);
        if (performance.now() > sendDeadline) break;
        inFlight++;
        pending.push(
          createOrder(p.host.baseUrl, p.token)
            .then((o) => void created.set(o.id, performance.now()))
            .catch(() => void failures++)
            .finally(() => void inFlight--),
        );
      }
      await Promise.all(pending);
      const sentSeconds = (performance.now() - started) / 1000;
      const ids = [...created.keys()];
      const missing = await watcher.waitFor(ids, 60_000);
      const latencies = ids
        .filter((id) => watcher.seen.has(id))
        .map((id) => Math.max(0, watcher.seen.get(id)! - created.get(id)!));
      if (latencies.length === 0) throw new BenchError('no order reached the analytics projection');
      const lastSeen = Math.max(...ids.map((id) => watcher.seen.get(id) ?? 0));
      const endToEndRate = latencies.length / ((lastSeen - started) / 1000);
      const p95 = percentile(latencies, 95);
      return {
        figures: [
          {
            name: 'latency 201 to projection, p50',
            unit: 'ms',
            summary: summarize([percentile(latencies, 50)]),
          },
          { name: 'latency 201 to projection, p95', unit: 'ms', summary: summarize([p95]) },
          {
            name: 'latency 201 to projection, p99',
            unit: 'ms',
            summary: summarize([percentile(latencies, 99)]),
          },
          { name: 'latency 201 to projection, all orders', unit: 'ms', summary: summarize(latencies) },
          {
            name: 'offered rate (201s per second while sending)',
            unit: 'orders/s',
            summary: summarize([created.size / sentSeconds]),
          },
          {
            name: 'sustained end-to-end rate (projected per second, first send to last projection)',
            unit: 'orders/s',
            summary: summarize([endToEndRate]),
          },
        ],
        budgets: [
          checkBudget({
            statement: 'pipeline p95, 201 to analytics projection (offline, short feed poll delay)',
            actual: p95,
            op: '<',
            limit: 1500,
            unit: ' ms',
          }),
        ],
        notes: [
          `${created.size} orders created through POST /api/orders at a steady ${RATE_PER_S}/s (at most ${MAX_IN_FLIGHT} in flight; ${failures} failed; ${lagging} sent more than 100 ms late), after ${WARMUP_ORDERS} warm-up orders. ${missing.length} never reached the projection within 60 s of the last 201.`,
          `Latency: from the 201 of POST /api/orders to the order's first appearance in analytics/projections, followed directly with the SDK's change feed (read every ${WATCH_INTERVAL_MS} ms when idle). The relay's feed poll delay is ${FEED_POLL_DELAY_MS} ms (RELAY_FEED_POLL_DELAY_MS). The whole pipeline runs: relay to queue orders and emails, analytics projection, email sender to the local mail catcher.`,
          'Each latency row is one figure over the run (the percentile of all orders), so it has no spread; the "all orders" row shows the distribution.',
        ],
        details: {
          missing: missing.length,
          failures,
          lagging,
          sentSeconds,
          ...(p.cosmosProxy
            ? {
                cosmosRequests: tally(
                  p.cosmosProxy.requests().map((r) => `${r.resource} ${r.op} ${r.status}`),
                ),
              }
            : {}),
        },
      };
    } finally {
      await watcher.stop();
      await p.close();
    }
  },
};
