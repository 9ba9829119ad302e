import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runSoak, type SoakResult } from '../../../tools/soak/runSoak';
import { formatFigures } from '../../../tools/soak/soakFigures';

// The short soak of `npm test`: the whole stack in separate processes for 2 minutes of adaptive load, one
// kill -9 each of the host, the broker and Cosmos DB, poison every 5 s, then every check of `npm run soak`.
// 20,000 messages is ten times the 2,048 deliveries after which the broker used to stop on a receiver link.
// Two cores move a few thousand orders through the whole pipeline in two minutes (about 2.5 broker messages
// each), so the figure counts every message through the broker: the pipeline's events and email commands, the
// poison, and an extra traffic queue (`soak-traffic`: 20,000 messages, about 250/s, on one receiver link, through
// the same broker kill, every one of which must arrive). No figure here is a timing: the checks are the soak's invariants and the message count.
const ROOT = resolve(__dirname, '..', '..', '..');
const MINUTES = 2;
const MIN_BROKER_MESSAGES = 20_000;

let dataDir: string;
let result: SoakResult;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'orderflow-soak-'));
  result = await runSoak({
    root: ROOT,
    minutes: MINUTES,
    dataDir,
    drainTimeoutMs: 120_000,
    // Locks of 5 s instead of 1 min: messages a killed host held come back within the drain time.
    serviceBusConfig: join(__dirname, 'fixtures', 'shortSoak.Config.json'),
    traffic: { queue: 'soak-traffic', total: 20_000, perSecond: 250 },
    // A short run: a small backlog, so the first third is not a burst the pipeline then works off.
    maxBacklog: 100,
    log: () => undefined,
  });
}, 600_000);
afterAll(() => dataDir && rmSync(dataDir, { recursive: true, force: true }));

describe('npm run soak, 2 minutes', () => {
  // Every check but the throughput ratio, which compares the rates of two 40 s windows on either side of all
  // three kills and the extra traffic (a timing figure), and the memory slopes, which a life of under a minute
  // measures as warm-up: both are judged by `npm run soak` over 10 minutes, not here.
  it('passes every check of correctness and drain', () => {
    const failed = result.verdicts
      .filter(
        (v) => !v.ok && !v.name.startsWith('throughput') && !/ memory after a full GC grows /.test(v.name),
      )
      .map((v) => `${v.name}: ${v.detail}`);
    // The figures ride along, so a failure says what the run did (orders, rejections, faults).
    expect({ failed, figures: failed.length ? formatFigures(result.figures) : [] }).toEqual({
      failed: [],
      figures: [],
    });
  });

  it('killed each of host, broker and Cosmos DB once', () => {
    expect(result.figures.events.map((e) => /kill -9 (\w+)/.exec(e)?.[1]).sort()).toEqual([
      'cosmos',
      'host',
      'servicebus',
    ]);
  });

  it(`moved at least ${MIN_BROKER_MESSAGES} messages through the broker`, () => {
    expect(result.figures.brokerMessagesAtLeast).toBeGreaterThanOrEqual(MIN_BROKER_MESSAGES);
  });
});
