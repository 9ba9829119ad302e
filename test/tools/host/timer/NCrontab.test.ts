import { CronExpressionParser } from 'cron-parser';
import { NCrontab } from '../../../../tools/host/timer/NCrontab';
import { parseSchedule } from '../../../../tools/host/timer/parseSchedule';
import { TimeSpanSchedule } from '../../../../tools/host/timer/TimeSpanSchedule';
import { ScheduleError } from '../../../../tools/host/errors';

// Local wall-clock dates: the schedule works in the process time zone, whatever TZ the tests run under.
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date => new Date(y, mo - 1, d, h, mi, s);

function occurrences(expr: string, from: Date, n: number): Date[] {
  const cron = new NCrontab(expr);
  const out: Date[] = [];
  let t: Date | undefined = from;
  while (out.length < n && (t = cron.next(t))) out.push(t);
  return out;
}

describe('NCrontab', () => {
  it('reads six fields with seconds', () => {
    expect(occurrences('*/15 * * * * *', at(2026, 1, 1, 10, 0, 0), 3)).toEqual([
      at(2026, 1, 1, 10, 0, 15),
      at(2026, 1, 1, 10, 0, 30),
      at(2026, 1, 1, 10, 0, 45),
    ]);
  });

  it('reads five fields as minutes with second 0', () => {
    expect(occurrences('*/5 * * * *', at(2026, 1, 1, 10, 2, 30), 2)).toEqual([
      at(2026, 1, 1, 10, 5),
      at(2026, 1, 1, 10, 10),
    ]);
  });

  it('returns occurrences strictly after the given time', () => {
    expect(new NCrontab('0 0 * * * *').next(at(2026, 1, 1, 10))).toEqual(at(2026, 1, 1, 11));
  });

  it('requires day-of-month AND day-of-week to match, where cron-parser accepts either', () => {
    // The 13th that is a Friday: 2026-02-13 and 2026-03-13 are Fridays.
    const from = at(2026, 1, 1);
    expect(occurrences('0 0 0 13 * 5', from, 2)).toEqual([at(2026, 2, 13), at(2026, 3, 13)]);
    const cp = CronExpressionParser.parse('0 0 0 13 * 5', { currentDate: from });
    const first = cp.next().toDate();
    // cron-parser fires on the first Friday (Jan 2), which NCrontab would not.
    expect(first).toEqual(at(2026, 1, 2));
  });

  it('accepts full and abbreviated day and month names, case-insensitive', () => {
    expect(occurrences('0 30 9 * * Monday', at(2026, 1, 1), 1)).toEqual([at(2026, 1, 5, 9, 30)]);
    expect(occurrences('0 30 9 * * mon-wed', at(2026, 1, 1), 3)).toEqual([
      at(2026, 1, 5, 9, 30),
      at(2026, 1, 6, 9, 30),
      at(2026, 1, 7, 9, 30),
    ]);
    expect(occurrences('0 0 0 1 February *', at(2026, 1, 1), 1)).toEqual([at(2026, 2, 1)]);
    expect(() => CronExpressionParser.parse('0 30 9 * * Monday')).toThrow();
  });

  it('rejects 7 for Sunday, L and ?, which cron-parser accepts', () => {
    for (const expr of ['0 0 0 * * 7', '0 0 0 L * *', '0 0 0 ? * 1', '0 0 0 * * 5L', '0 0 0 * * 1#2']) {
      expect(() => new NCrontab(expr)).toThrow(ScheduleError);
    }
    expect(() => CronExpressionParser.parse('0 0 0 * * 7')).not.toThrow();
    expect(() => CronExpressionParser.parse('0 0 0 L * *')).not.toThrow();
  });

  it('handles lists, ranges, steps on ranges and a start with a step', () => {
    const c = new NCrontab('0 5/20 1-3,22 * * *');
    expect(c.minutes.map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([5, 25, 45]);
    expect(c.hours.map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([1, 2, 3, 22]);
    expect(occurrences('0 0 9-17/4 * * *', at(2026, 1, 1), 3)).toEqual([
      at(2026, 1, 1, 9),
      at(2026, 1, 1, 13),
      at(2026, 1, 1, 17),
    ]);
  });

  it('swaps a reversed range, as NCrontab does', () => {
    expect(new NCrontab('0 0 5-3 * * *').hours.filter(Boolean)).toHaveLength(3);
  });

  it('rejects wrong field counts and out-of-range values', () => {
    for (const expr of [
      '* * * *',
      '* * * * * * *',
      '60 * * * * *',
      '0 0 24 * * *',
      '0 0 0 0 * *',
      '0 0 0 * 13 *',
      '0 0 0 * * Funday',
      'a * * * * *',
      '*/x * * * * *',
      ',1 * * * * *',
    ]) {
      expect(() => new NCrontab(expr)).toThrow(ScheduleError);
    }
  });

  it('crosses month and year ends and skips impossible days', () => {
    expect(occurrences('0 0 12 31 * *', at(2026, 1, 31, 13), 2)).toEqual([
      at(2026, 3, 31, 12),
      at(2026, 5, 31, 12),
    ]);
    expect(occurrences('0 0 0 29 2 *', at(2026, 1, 1), 1)).toEqual([at(2028, 2, 29)]);
    expect(new NCrontab('0 0 0 30 2 *').next(at(2026, 1, 1))).toBeUndefined();
  });
});

describe('TimeSpan schedules', () => {
  it('reads hh:mm:ss, d.hh:mm:ss and hh:mm', () => {
    expect(new TimeSpanSchedule('00:05:00').intervalMs).toBe(300_000);
    expect(new TimeSpanSchedule('1.02:00:00').intervalMs).toBe(26 * 3_600_000);
    expect(new TimeSpanSchedule('01:30').intervalMs).toBe(5_400_000);
    expect(new TimeSpanSchedule('00:00:00.5').intervalMs).toBe(500);
  });

  it('counts from the previous occurrence', () => {
    expect(new TimeSpanSchedule('00:00:10').next(at(2026, 1, 1))).toEqual(at(2026, 1, 1, 0, 0, 10));
  });

  it('rejects zero and malformed spans', () => {
    for (const e of ['00:00:00', '25:00:00', '00:61:00', '5 minutes', ''])
      expect(() => new TimeSpanSchedule(e)).toThrow(ScheduleError);
  });

  it('tells NCRONTAB from TimeSpan by the presence of fields', () => {
    expect(parseSchedule('0 */5 * * * *')).toBeInstanceOf(NCrontab);
    expect(parseSchedule('00:05:00')).toBeInstanceOf(TimeSpanSchedule);
  });
});
