import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../tools/host/index';
import { FIXTURE_APP } from './fixture';
import { records, waitFor } from './waitFor';

interface TimerRecord {
  at: number;
  event?: 'start' | 'end';
  invocationId: string;
  isPastDue?: boolean;
  timer?: {
    isPastDue: boolean;
    schedule: { adjustForDST: boolean };
    scheduleStatus: { last: string; next: string; lastUpdated: string };
  };
}

const LAST = new Date(Date.now() - 2 * 3_600_000).toISOString();
const MISSED = new Date(Date.now() - 3_600_000).toISOString();
let host: RunningHost;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'host-timer-'));
  // A monitored timer whose recorded next occurrence passed while the host was down.
  mkdirSync(join(dir, 'status'));
  writeFileSync(
    join(dir, 'status', 'monitoredTimer.json'),
    JSON.stringify({ Last: LAST, Next: MISSED, LastUpdated: LAST }),
  );
  host = await startHost({
    appDir: FIXTURE_APP,
    port: 0,
    quiet: true,
    // Every second, with a handler that takes 1.2 s: occurrences come while a run is still going.
    env: {
      WEBSITE_TIME_ZONE: 'Asia/Tokyo',
      FIXTURE_RECORD_DIR: dir,
      FUNCTIONS_TIMER_STATUS_DIR: join(dir, 'status'),
      SLOW_TIMER_SCHEDULE: '* * * * * *',
      SLOW_TIMER_MS: '1200',
    },
  });
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('lists timer functions', () => {
  expect(host.functions).toContainEqual({ name: 'startupTimer', trigger: 'timerTrigger' });
});

it('runs a runOnStartup timer at start with the timer input, schedule from a %Setting%, in WEBSITE_TIME_ZONE', async () => {
  const [rec] = await waitFor('the startup run', () => {
    const r = records<TimerRecord>(dir, 'startupTimer');
    return r.length > 0 ? r : undefined;
  });
  expect(rec!.timer).toMatchObject({ isPastDue: false, schedule: { adjustForDST: true } });
  const status = rec!.timer!.scheduleStatus;
  expect(status.last).toBe('0001-01-01T00:00:00');
  // The local.settings.json schedule '0 0 0 1 1 *' in WEBSITE_TIME_ZONE Asia/Tokyo (UTC+9): midnight on 1 January
  // there is 15:00 UTC on 31 December.
  const next = new Date(status.next);
  expect(next.toISOString()).toMatch(/^\d{4}-12-31T15:00:00\.000Z$/);
  expect(next.getTime()).toBeGreaterThan(Date.now());
});

it('runs a missed occurrence of a monitored timer at start, past due, and records the new status', async () => {
  const [rec] = await waitFor('the past-due run', () => {
    const r = records<TimerRecord>(dir, 'monitoredTimer');
    return r.length > 0 ? r : undefined;
  });
  expect(rec!.timer).toMatchObject({ isPastDue: true, scheduleStatus: { last: LAST } });
  expect(new Date(rec!.timer!.scheduleStatus.next).getTime()).toBeGreaterThan(Date.now());
  const status = await waitFor('the saved status', () => {
    const s = JSON.parse(readFileSync(join(dir, 'status', 'monitoredTimer.json'), 'utf8')) as {
      Last: string;
      Next: string;
    };
    return s.Last === MISSED ? s : undefined;
  });
  expect(new Date(status.Next).getTime()).toBeGreaterThan(Date.now());
});

it('runs a timer function on demand through POST /admin/functions/{name}, with no key as under func start', async () => {
  const url = `${host.baseUrl}/admin/functions/startupTimer`;
  const headers = { 'content-type': 'application/json' };
  expect(
    (await fetch(`${host.baseUrl}/admin/functions/nope`, { method: 'POST', headers, body: '{}' })).status,
  ).toBe(404);
  expect((await fetch(url, { method: 'POST', headers, body: '{"input":""}' })).status).toBe(202);
  const recs = await waitFor('the manual run', () => {
    const r = records<TimerRecord>(dir, 'startupTimer');
    return r.length >= 2 ? r : undefined;
  });
  expect(recs[1]!.timer).toMatchObject({ isPastDue: false, scheduleStatus: null });
});

it('never runs two invocations of one timer function at once', async () => {
  const recs = await waitFor(
    'two completed slow timer runs',
    () => {
      const r = records<TimerRecord>(dir, 'slowTimer');
      return r.filter((x) => x.event === 'end').length >= 2 ? r : undefined;
    },
    15_000,
  );
  const byId = new Map<string, { start: number; end?: number }>();
  for (const r of recs) {
    const e = byId.get(r.invocationId) ?? { start: 0 };
    if (r.event === 'start') e.start = r.at;
    else e.end = r.at;
    byId.set(r.invocationId, e);
  }
  const runs = [...byId.values()].filter((r) => r.end !== undefined).sort((a, b) => a.start - b.start);
  for (let i = 1; i < runs.length; i++) expect(runs[i]!.start).toBeGreaterThanOrEqual(runs[i - 1]!.end!);
  // Each run covers at least one occurrence it made the host skip: starts are about 2 s apart, not 1 s.
  for (let i = 1; i < runs.length; i++)
    expect(runs[i]!.start - runs[i - 1]!.start).toBeGreaterThanOrEqual(1200);
  expect(recs.filter((r) => r.event === 'start').every((r) => r.isPastDue === false)).toBe(true);
});
