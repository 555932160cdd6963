// When a scheduled job is due: cron expressions in a time zone, filtered by the production calendar.
// Pure functions: the caller passes the instant and the calendar.
import { CronExpressionParser } from 'cron-parser';
import { DateTime } from 'luxon';
import type { WorkingCalendar } from '../workingTime';

/** Which days an occurrence may fall on. */
export type DayRule =
  | 'any'
  /** Working days of the production calendar (holidays skipped, moved working Saturdays kept). */
  | 'working'
  /** The first working day of each month (the committee's monthly report). */
  | 'first-working-day-of-month';

export interface Schedule {
  /** A five-field cron expression (minute hour day-of-month month day-of-week). */
  cron: string;
  zone: string;
  days: DayRule;
}

export class ScheduleError extends Error {}

const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/;
/** How far back or ahead we look for an occurrence on an allowed day; a year of 15-minute slots is ~35,000. */
const MAX_STEPS = 50_000;

/**
 * A department's schedule as written in the departments file: `HH:MM` means working days at that time
 * (every day in cron, left to the calendar, so a working Saturday moved by decree gets its digest too);
 * anything else is a cron expression, whose days off the calendar still removes.
 */
export function cronOf(text: string): string {
  const trimmed = text.trim();
  const match = HH_MM.exec(trimmed);
  if (match) return `${Number(match[2])} ${Number(match[1])} * * *`;
  return trimmed;
}

/** Parses and checks a schedule once, so a typo is reported instead of silently never running. */
export function parseSchedule(text: string, zone: string, days: DayRule = 'working'): Schedule {
  const cron = cronOf(text);
  if (cron.split(/\s+/).length !== 5) {
    throw new ScheduleError(`"${text}" is neither HH:MM nor a five-field cron expression (minute hour day month weekday)`);
  }
  if (!DateTime.local().setZone(zone).isValid) throw new ScheduleError(`unknown time zone "${zone}"`);
  try {
    CronExpressionParser.parse(cron, { tz: zone }).next();
  } catch (error) {
    throw new ScheduleError(`"${text}" is not a valid cron expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { cron, zone, days };
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() ?? '';
}

export function isAllowedDay(date: string, days: DayRule, calendar: WorkingCalendar): boolean {
  if (days === 'any') return true;
  if (!calendar.isWorkingDay(date)) return false;
  if (days === 'working') return true;
  // First working day of the month: no working day before it in the same month.
  const monthStart = `${date.slice(0, 8)}01`;
  for (let d = DateTime.fromISO(monthStart); d.toISODate()! < date; d = d.plus({ days: 1 })) {
    if (calendar.isWorkingDay(d.toISODate()!)) return false;
  }
  return true;
}

/**
 * The latest occurrence at or before `now` on an allowed day, not earlier than `notBefore`. Only the
 * latest counts: a bot that was down for three days does the missed run once, not once per day.
 */
export function latestOccurrence(schedule: Schedule, now: Date, calendar: WorkingCalendar, notBefore?: Date): Date | undefined {
  // cron-parser's prev() is strictly before its current date; one millisecond later includes `now`.
  const cron = CronExpressionParser.parse(schedule.cron, { tz: schedule.zone, currentDate: new Date(now.getTime() + 1) });
  for (let step = 0; step < MAX_STEPS; step++) {
    const occurrence = cron.prev().toDate();
    if (notBefore && occurrence < notBefore) return undefined;
    if (isAllowedDay(localDate(occurrence, schedule.zone), schedule.days, calendar)) return occurrence;
  }
  return undefined;
}

/** The next `count` occurrences after `after` on allowed days (for `digest schedule`). */
export function nextOccurrences(schedule: Schedule, after: Date, count: number, calendar: WorkingCalendar): Date[] {
  const cron = CronExpressionParser.parse(schedule.cron, { tz: schedule.zone, currentDate: after });
  const found: Date[] = [];
  for (let step = 0; step < MAX_STEPS && found.length < count; step++) {
    const occurrence = cron.next().toDate();
    if (isAllowedDay(localDate(occurrence, schedule.zone), schedule.days, calendar)) found.push(occurrence);
  }
  return found;
}

/** The occurrence before `occurrence` on an allowed day (the period a first digest covers). */
export function previousOccurrence(schedule: Schedule, occurrence: Date, calendar: WorkingCalendar): Date | undefined {
  return latestOccurrence(schedule, new Date(occurrence.getTime() - 1), calendar);
}
