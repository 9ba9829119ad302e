import { ScheduleError } from '../errors';

interface FieldSpec {
  kind: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const SECOND: FieldSpec = { kind: 'Second', min: 0, max: 59 };
const MINUTE: FieldSpec = { kind: 'Minute', min: 0, max: 59 };
const HOUR: FieldSpec = { kind: 'Hour', min: 0, max: 23 };
const DAY: FieldSpec = { kind: 'Day', min: 1, max: 31 };
const MONTH: FieldSpec = {
  kind: 'Month',
  min: 1,
  max: 12,
  names: [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ],
};
const DAY_OF_WEEK: FieldSpec = {
  kind: 'DayOfWeek',
  min: 0,
  max: 6,
  names: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
};

function fail(spec: FieldSpec, text: string, why: string): never {
  throw new ScheduleError(`'${text}' is not a valid [${spec.kind}] crontab field expression: ${why}`);
}

function parseValue(spec: FieldSpec, text: string, whole: string): number {
  if (text === '') fail(spec, whole, 'a value cannot be empty');
  if (/^\d/.test(text)) {
    if (!/^\d+$/.test(text)) fail(spec, whole, `'${text}' is not a number`);
    return Number(text);
  }
  // NCrontab accepts any prefix of a full name, case-insensitive: `Mon`, `Monday`, `Febr`.
  const lower = text.toLowerCase();
  const at = spec.names?.findIndex((n) => n.startsWith(lower)) ?? -1;
  if (at < 0) fail(spec, whole, `'${text}' is not a known value`);
  return at + spec.min;
}

function accumulate(
  spec: FieldSpec,
  bits: boolean[],
  start: number,
  end: number,
  step: number,
  whole: string,
): void {
  if (start > end) [start, end] = [end, start];
  if (start < spec.min) fail(spec, whole, `${start} is lower than ${spec.min}`);
  if (end > spec.max) fail(spec, whole, `${end} is higher than ${spec.max}`);
  for (let v = start; v <= end; v += Math.max(1, step)) bits[v] = true;
}

/** One field, parsed as NCrontab's CrontabFieldImpl does (lists, steps, ranges, names; no `?`, `L`, `W`, `#`). */
function parseField(spec: FieldSpec, text: string): boolean[] {
  const bits: boolean[] = [];
  const one = (part: string): void => {
    let body = part;
    let step: number | undefined;
    const slash = part.indexOf('/');
    if (slash > 0) {
      const s = part.slice(slash + 1);
      if (!/^\d+$/.test(s)) fail(spec, text, `step '${s}' is not a number`);
      step = Number(s);
      body = part.slice(0, slash);
    }
    if (body === '*') return accumulate(spec, bits, spec.min, spec.max, step ?? 1, text);
    const dash = body.indexOf('-');
    if (dash > 0) {
      return accumulate(
        spec,
        bits,
        parseValue(spec, body.slice(0, dash), text),
        parseValue(spec, body.slice(dash + 1), text),
        step ?? 1,
        text,
      );
    }
    const value = parseValue(spec, body, text);
    // `5/15`: from 5 to the end of the range, every 15.
    accumulate(spec, bits, value, step === undefined ? value : spec.max, step ?? 1, text);
  };
  if (text.indexOf(',') > 0) text.split(',').forEach(one);
  else one(text);
  return bits;
}

function nextIn(bits: readonly boolean[], from: number, max: number): number {
  for (let v = from; v <= max; v++) if (bits[v]) return v;
  return -1;
}

/**
 * An NCRONTAB schedule as the Functions timer trigger reads it: six fields with seconds, or five without.
 * Unlike most cron libraries, day-of-month AND day-of-week must both match, full day and month names are valid,
 * and `7`, `L`, `?` are not. Times are wall-clock times in the process time zone (TZ / WEBSITE_TIME_ZONE).
 */
export class NCrontab {
  readonly seconds: boolean[];
  readonly minutes: boolean[];
  readonly hours: boolean[];
  readonly days: boolean[];
  readonly months: boolean[];
  readonly daysOfWeek: boolean[];

  constructor(readonly expression: string) {
    const fields = expression.trim().split(/\s+/);
    if (fields.length === 5) fields.unshift('0');
    if (fields.length !== 6) {
      throw new ScheduleError(
        `'${expression}' is not a valid NCRONTAB expression: it needs 6 fields (with seconds) or 5.`,
      );
    }
    const [s, m, h, d, mo, dow] = fields as [string, string, string, string, string, string];
    this.seconds = parseField(SECOND, s);
    this.minutes = parseField(MINUTE, m);
    this.hours = parseField(HOUR, h);
    this.days = parseField(DAY, d);
    this.months = parseField(MONTH, mo);
    this.daysOfWeek = parseField(DAY_OF_WEEK, dow);
  }

  /** The first occurrence strictly after `after`, or undefined when there is none in the next 10 years (Feb 30). */
  next(after: Date): Date | undefined {
    const limit = after.getFullYear() + 10;
    let t = new Date(after.getTime() - after.getMilliseconds() + 1000);
    while (t.getFullYear() <= limit) {
      const [y, mo, d, h, mi, s] = [
        t.getFullYear(),
        t.getMonth(),
        t.getDate(),
        t.getHours(),
        t.getMinutes(),
        t.getSeconds(),
      ];
      if (!this.months[mo + 1]) {
        t = new Date(y, mo + 1, 1);
        continue;
      }
      if (!this.days[d] || !this.daysOfWeek[t.getDay()]) {
        t = new Date(y, mo, d + 1);
        continue;
      }
      const nh = nextIn(this.hours, h, 23);
      if (nh < 0) {
        t = new Date(y, mo, d + 1);
        continue;
      }
      if (nh !== h) {
        t = new Date(y, mo, d, nh);
        continue;
      }
      const nm = nextIn(this.minutes, mi, 59);
      if (nm < 0) {
        t = new Date(y, mo, d, h + 1);
        continue;
      }
      if (nm !== mi) {
        t = new Date(y, mo, d, h, nm);
        continue;
      }
      const ns = nextIn(this.seconds, s, 59);
      if (ns < 0) {
        t = new Date(y, mo, d, h, mi + 1);
        continue;
      }
      if (ns !== s) {
        t = new Date(y, mo, d, h, mi, ns);
        continue;
      }
      return t;
    }
    return undefined;
  }
}
