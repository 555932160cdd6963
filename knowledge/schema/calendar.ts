import { z } from 'zod';
import { isoDate } from './common';

/** `isoDate` checks the shape only; a calendar must not carry 2026-02-30. */
const calendarDate = isoDate.refine((value) => {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}, 'a real calendar date');

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day written HH:MM');

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Working hours of an ordinary day; a shortened day ends one hour earlier, so it must last over an hour. */
export const workdayHours = z
  .object({ start: clockTime, end: clockTime })
  .strict()
  .refine((hours) => minutesOf(hours.end) - minutesOf(hours.start) > 60, {
    message: 'the working day must end more than an hour after it starts',
  });
export type WorkdayHours = z.infer<typeof workdayHours>;

/** 0 = Sunday … 6 = Saturday, for a `YYYY-MM-DD` date (civil date, no time zone involved). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

const isWeekend = (date: string): boolean => {
  const day = weekdayOf(date);
  return day === 0 || day === 6;
};

/**
 * A production calendar for one year (производственный календарь), five-day week.
 * Saturdays and Sundays are off unless listed in `workingWeekends`; `holidays` lists the other days off
 * (holidays and transfers); `shortened` lists pre-holiday days that end one hour earlier.
 */
export const productionCalendar = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** The decree the calendar follows, so whoever edits it can check it. */
    source: z.string().min(1),
    /**
     * Set while the year's decree on moved days off is not out or not yet entered: what the calendar is
     * still missing. Deadlines use it (better than weekends only), and digests and the log say it is
     * provisional until the line is removed.
     */
    provisional: z.string().min(1).optional(),
    workday: workdayHours.optional(),
    holidays: z.array(calendarDate).default([]),
    shortened: z.array(calendarDate).default([]),
    workingWeekends: z.array(calendarDate).default([]),
  })
  .strict()
  .superRefine((calendar, ctx) => {
    // A day off cannot also be a working day; a working Saturday may well be shortened (1 Nov 2025 was).
    const daysOff = new Set(calendar.holidays);
    for (const list of ['holidays', 'shortened', 'workingWeekends'] as const) {
      const seen = new Set<string>();
      calendar[list].forEach((date, index) => {
        const path = [list, index];
        if (!date.startsWith(`${calendar.year}-`)) {
          ctx.addIssue({ code: 'custom', path, message: `${date} is not in ${calendar.year}` });
        }
        if (seen.has(date)) ctx.addIssue({ code: 'custom', path, message: `${date} is listed twice in ${list}` });
        seen.add(date);
        if (list !== 'holidays' && daysOff.has(date)) {
          ctx.addIssue({ code: 'custom', path, message: `${date} is listed in both holidays and ${list}` });
        }
      });
    }
    calendar.workingWeekends.forEach((date, index) => {
      if (!isWeekend(date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['workingWeekends', index],
          message: `${date} is not a Saturday or Sunday`,
        });
      }
    });
    const workingWeekends = new Set(calendar.workingWeekends);
    calendar.shortened.forEach((date, index) => {
      if (isWeekend(date) && !workingWeekends.has(date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['shortened', index],
          message: `${date} is a weekend day: only a working day can be shortened (list it in workingWeekends too)`,
        });
      }
    });
  });
export type ProductionCalendar = z.output<typeof productionCalendar>;

/** A calendar file as written: the calendar sits under the top-level key `calendar`. */
export const productionCalendarFile = z.object({ calendar: productionCalendar }).strict();

/** Validates parsed YAML, either the whole file (`{ calendar: … }`) or the calendar itself; throws a ZodError. */
export function calendarFromParsed(parsed: unknown): ProductionCalendar {
  if (parsed !== null && typeof parsed === 'object' && 'calendar' in parsed) {
    return productionCalendarFile.parse(parsed).calendar;
  }
  return productionCalendar.parse(parsed);
}
