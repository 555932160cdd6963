import type { KnowledgeBase } from '../../../knowledge/model';
import type { Department } from '../../../knowledge/schema/departments';
import type { Escalation } from '../../../knowledge/schema/issues';
import type { CoreSettings } from '../command';
import { parseSchedule, type Schedule } from '../scheduler/schedule';
import type { WorkingCalendar } from '../workingTime';

export const ESCALATION_DEFAULTS: Escalation = { committeeAfterDays: 2, reminderShare: 0.8 };

/** Reminders and escalation sweep the open issues this often, in the bank's zone, every day. */
export const SWEEP_CRON = '*/15 * * * *';

/** The subject of bank-wide runs (reminders, escalation) in `job_runs`. */
export const BANK_SUBJECT = 'bank';

export function escalationOf(kb: KnowledgeBase): Escalation {
  return { ...ESCALATION_DEFAULTS, ...kb.routing.escalation };
}

/** A department's digest zone: its digest's own, else the department's (a branch), else the bank's. */
export function departmentZone(department: Department, settings: Pick<CoreSettings, 'timezone'>): string {
  return department.digest.timezone ?? department.timezone ?? settings.timezone;
}

export function digestScheduleOf(department: Department, settings: Pick<CoreSettings, 'timezone'>): Schedule {
  return parseSchedule(department.digest.schedule, departmentZone(department, settings), 'working');
}

/**
 * The length of a full working day around `date` (9 h in the bundled calendars), for reading working
 * hours as days: the longest working day in the week from `date`, so a shortened day does not count.
 */
export function workdayHours(calendar: WorkingCalendar, date: string): number {
  let longest = 0;
  const day = new Date(`${date}T00:00:00Z`);
  for (let i = 0; i < 7; i++) {
    const hours = calendar.workingHoursOf(day.toISOString().slice(0, 10));
    if (hours) longest = Math.max(longest, minutes(hours.end) - minutes(hours.start));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return longest > 0 ? longest / 60 : 8;
}

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
