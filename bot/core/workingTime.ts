// Working-time arithmetic for SLA clocks: production calendars, working hours, time zones.
// Pure functions: the caller passes the instant, the calendar and the bank's (or branch's) time zone.
import { DateTime } from 'luxon';
import {
  type ProductionCalendar,
  type WorkdayHours,
  weekdayOf,
  workdayHours,
} from '../../knowledge/schema/calendar';

export type WorkingDurationUnit = 'h' | 'd';

/** `{ amount: 4, unit: 'h' }` is four working hours; `{ amount: 15, unit: 'd' }` fifteen working days. */
export interface WorkingDuration {
  amount: number;
  unit: WorkingDurationUnit;
}

export interface WorkingCalendarOptions {
  /** Working hours that override the calendars' own (and the 09:00–18:00 default). */
  workday?: WorkdayHours;
  /** Called once per year that has no calendar, where only weekends are counted as days off. */
  onBeyond?: (year: number) => void;
  /** Called once per year whose calendar is provisional, with what it still lacks. */
  onProvisional?: (year: number, missing: string) => void;
}

const DEFAULT_WORKDAY: WorkdayHours = { start: '09:00', end: '18:00' };
const HOUR_MS = 3_600_000;
// The memo only saves luxon work on hot paths (digests over many issues); bound it all the same.
const MAX_MEMO_ENTRIES = 100_000;

interface YearRules {
  /** What a provisional calendar still lacks (see `productionCalendar.provisional`). */
  provisional: string | undefined;
  workday: WorkdayHours;
  holidays: Set<string>;
  shortened: Set<string>;
  workingWeekends: Set<string>;
}

/** A working day as two instants (epoch milliseconds) in a given zone. */
interface WorkingInterval {
  startMs: number;
  endMs: number;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function assertDate(date: string): void {
  if (!DATE_PATTERN.test(date)) throw new RangeError(`expected a date written YYYY-MM-DD, got "${date}"`);
}

/** The civil day after `date`; plain calendar arithmetic, no time zone is involved. */
function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export class WorkingCalendar {
  private readonly years = new Map<number, YearRules>();
  private readonly beyondWorkday: WorkdayHours;
  private readonly onBeyond: ((year: number) => void) | undefined;
  private readonly onProvisional: ((year: number, missing: string) => void) | undefined;
  private readonly reportedYears = new Set<number>();
  private readonly intervals = new Map<string, WorkingInterval | null>();
  private readonly dayDeadlines = new Map<string, number>();

  constructor(calendars: readonly ProductionCalendar[], opts: WorkingCalendarOptions = {}) {
    const override = opts.workday === undefined ? undefined : workdayHours.parse(opts.workday);
    for (const calendar of calendars) {
      if (this.years.has(calendar.year)) throw new Error(`two production calendars for ${calendar.year}`);
      this.years.set(calendar.year, {
        provisional: calendar.provisional,
        workday: override ?? calendar.workday ?? DEFAULT_WORKDAY,
        holidays: new Set(calendar.holidays),
        shortened: new Set(calendar.shortened),
        workingWeekends: new Set(calendar.workingWeekends),
      });
    }
    const last = this.lastYear();
    this.beyondWorkday =
      override ?? (last === undefined ? undefined : this.years.get(last)?.workday) ?? DEFAULT_WORKDAY;
    this.onBeyond = opts.onBeyond;
    this.onProvisional = opts.onProvisional;
  }

  /** How a year stands: a final calendar, a provisional one, or none (weekends only). */
  coverageOf(year: number): 'final' | 'provisional' | 'missing' {
    const rules = this.years.get(year);
    if (rules === undefined) return 'missing';
    return rules.provisional === undefined ? 'final' : 'provisional';
  }

  /** The latest year that has a calendar, if any. */
  lastYear(): number | undefined {
    return this.years.size === 0 ? undefined : Math.max(...this.years.keys());
  }

  isWorkingDay(date: string): boolean {
    assertDate(date);
    const rules = this.rulesOf(Number(date.slice(0, 4)));
    if (rules?.holidays.has(date)) return false;
    if (rules?.workingWeekends.has(date)) return true;
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  }

  /** Local working hours of a date, or null on a day off; a shortened day ends one hour earlier. */
  workingHoursOf(date: string): WorkdayHours | null {
    if (!this.isWorkingDay(date)) return null;
    const rules = this.rulesOf(Number(date.slice(0, 4)));
    const workday = rules?.workday ?? this.beyondWorkday;
    if (!rules?.shortened.has(date)) return { ...workday };
    return { start: workday.start, end: timeOf(minutesOf(workday.end) - 60) };
  }

  /** The working hours of `date` as instants in `zone`; memoised because SLA sweeps ask for the same days. */
  intervalOf(date: string, zone: string): WorkingInterval | null {
    const key = `${zone} ${date}`;
    const known = this.intervals.get(key);
    if (known !== undefined) return known;
    const hours = this.workingHoursOf(date);
    let interval: WorkingInterval | null = null;
    if (hours !== null) {
      const start = DateTime.fromISO(`${date}T${hours.start}`, { zone });
      const end = DateTime.fromISO(`${date}T${hours.end}`, { zone });
      if (!start.isValid || !end.isValid) throw new RangeError(`unknown time zone "${zone}"`);
      interval = { startMs: start.toMillis(), endMs: end.toMillis() };
    }
    if (this.intervals.size >= MAX_MEMO_ENTRIES) this.intervals.clear();
    this.intervals.set(key, interval);
    return interval;
  }

  /**
   * The close (epoch ms) of the `days`-th working day after `date` in `zone`, `days` ≥ 1. Memoised: every
   * issue logged on a day with the same term shares it, and counting 15 days costs a microsecond a day.
   */
  closeOfWorkingDayAfter(date: string, days: number, zone: string): number {
    const key = `${zone} ${date} ${days}`;
    const known = this.dayDeadlines.get(key);
    if (known !== undefined) return known;
    let remaining = days;
    let closeMs: number | undefined;
    for (let day = nextDate(date); closeMs === undefined; day = nextDate(day)) {
      const interval = this.intervalOf(day, zone);
      if (interval !== null && --remaining === 0) closeMs = interval.endMs;
    }
    if (this.dayDeadlines.size >= MAX_MEMO_ENTRIES) this.dayDeadlines.clear();
    this.dayDeadlines.set(key, closeMs);
    return closeMs;
  }

  private rulesOf(year: number): YearRules | undefined {
    const rules = this.years.get(year);
    if ((rules === undefined || rules.provisional !== undefined) && !this.reportedYears.has(year)) {
      this.reportedYears.add(year);
      if (rules?.provisional !== undefined) this.onProvisional?.(year, rules.provisional);
      else this.onBeyond?.(year);
    }
    return rules;
  }
}

/** The instant in `zone`, refusing invalid dates and unknown zones rather than computing garbage. */
function zoned(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) {
    throw new RangeError(`cannot place ${String(instant)} in time zone "${zone}": ${local.invalidExplanation ?? ''}`);
  }
  return local;
}

// A zone's UTC offset, memoised per quarter hour: every SLA computation asks for the local date of an
// instant, and luxon takes microseconds to answer what is the same for the whole quarter hour.
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, Map<number, number>>();

function offsetMinutes(instant: Date, zone: string): number {
  const ms = instant.getTime();
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  let ofZone = offsets.get(zone);
  const known = ofZone?.get(quarter);
  if (known !== undefined) return known;
  const offsetAt = (t: number) => zoned(new Date(t), zone).offset;
  const first = offsetAt(quarter * QUARTER_HOUR_MS);
  // Clocks changed within this quarter hour: answer for the instant itself and remember nothing.
  if (offsetAt((quarter + 1) * QUARTER_HOUR_MS - 1) !== first) return zoned(instant, zone).offset;
  if (!ofZone) {
    ofZone = new Map();
    offsets.set(zone, ofZone);
  }
  if (ofZone.size >= MAX_MEMO_ENTRIES) ofZone.clear();
  ofZone.set(quarter, first);
  return first;
}

/** The wall-clock time of an instant in `zone`, as a Date whose UTC fields read it; refuses invalid dates and unknown zones. */
export function wallClockOf(instant: Date, zone: string): Date {
  if (Number.isNaN(instant.getTime())) zoned(instant, zone);
  return new Date(instant.getTime() + offsetMinutes(instant, zone) * 60_000);
}

/** The local date (YYYY-MM-DD) of an instant in `zone`; refuses invalid dates and unknown zones. */
export function localDateOf(instant: Date, zone: string): string {
  return wallClockOf(instant, zone).toISOString().slice(0, 10);
}

/** `4h`, `1.5h`, `3d` → `{ amount, unit }`. Working days must be whole: a deadline ends a working day. */
export function parseWorkingDuration(text: string): WorkingDuration {
  const match = /^(\d+(?:\.\d+)?)([hd])$/.exec(text.trim());
  if (match === null) {
    throw new RangeError(`"${text}" is not a working-time duration such as "4h", "1.5h" or "3d"`);
  }
  const duration = { amount: Number(match[1]), unit: match[2] as WorkingDurationUnit };
  assertDuration(duration);
  return duration;
}

function assertDuration({ amount, unit }: WorkingDuration): void {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`a working-time duration must be a non-negative number, got ${amount}`);
  }
  if (unit === 'd' && !Number.isInteger(amount)) {
    throw new RangeError(`working days must be whole, got ${amount}d`);
  }
}

/**
 * When a working-time duration started at `start` runs out.
 *
 * Hours (`h`) consume working hours only: days off are skipped, a shortened day ends an hour early, and a
 * start outside working hours begins counting at the next working day's start. A duration that ends
 * exactly at the close of a day is due at that close, not at the next morning.
 *
 * Days (`d`) follow Russian practice for complaint terms (e.g. 442-FZ's "15 working days from
 * registration"): the term starts the day after the start date, so the start day is not counted whatever
 * the hour, and the deadline is the end of working hours of the Nth working day after it. `0d` is the end
 * of the current working day (of the next one if the start is already past today's close). An extension
 * by N working days applied to such a deadline lands at the end of the Nth working day after it.
 */
export function addWorkingTime(start: Date, duration: WorkingDuration, cal: WorkingCalendar, zone: string): Date {
  assertDuration(duration);
  const startMs = start.getTime();
  let date = localDateOf(start, zone);
  // Both loops end: a year without a calendar still has five working days a week.
  if (duration.unit === 'h') {
    let remaining = Math.round(duration.amount * HOUR_MS);
    for (; ; date = nextDate(date)) {
      const interval = cal.intervalOf(date, zone);
      if (interval === null) continue;
      const from = Math.max(startMs, interval.startMs);
      if (from >= interval.endMs) continue;
      if (remaining <= interval.endMs - from) return new Date(from + remaining);
      remaining -= interval.endMs - from;
    }
  }
  if (duration.amount === 0) {
    for (; ; date = nextDate(date)) {
      const interval = cal.intervalOf(date, zone);
      if (interval !== null && interval.endMs > startMs) return new Date(interval.endMs);
    }
  }
  return new Date(cal.closeOfWorkingDayAfter(date, duration.amount, zone));
}

/** Working hours elapsed between two instants (for "how late" and response-time medians); 0 when b <= a. */
export function workingDurationBetween(a: Date, b: Date, cal: WorkingCalendar, zone: string): { hours: number } {
  const from = a.getTime();
  const to = b.getTime();
  const lastDate = localDateOf(b, zone);
  let date = localDateOf(a, zone);
  if (!(to > from)) return { hours: 0 };
  let elapsed = 0;
  for (; date <= lastDate; date = nextDate(date)) {
    const interval = cal.intervalOf(date, zone);
    if (interval === null) continue;
    const overlap = Math.min(to, interval.endMs) - Math.max(from, interval.startMs);
    if (overlap > 0) elapsed += overlap;
  }
  return { hours: elapsed / HOUR_MS };
}
