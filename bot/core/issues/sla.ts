import type { KnowledgeBase } from '../../../knowledge/model';
import type { Priority } from '../../../knowledge/schema/issues';
import type { Logger } from '../logger';
import { addWorkingTime, parseWorkingDuration, WorkingCalendar } from '../workingTime';

const calendars = new WeakMap<KnowledgeBase, WorkingCalendar>();

/** The bank's working calendar from the knowledge base's calendar files (built once per version). */
export function workingCalendarOf(kb: KnowledgeBase, log?: Logger): WorkingCalendar {
  let calendar = calendars.get(kb);
  if (!calendar) {
    calendar = new WorkingCalendar(kb.sections.calendar, {
      onBeyond: (year) =>
        log?.warn('calendar.missing_year', { year, hint: `add knowledge/base/calendars/${year}.yaml; counting weekends only` }),
      onProvisional: (year, missing) =>
        log?.warn('calendar.provisional_year', { year, missing, hint: `complete knowledge/base/calendars/${year}.yaml and remove "provisional"` }),
    });
    calendars.set(kb, calendar);
  }
  return calendar;
}

export interface SlaInput {
  category: string;
  priority: Priority;
  department: string;
  vip: boolean;
}

export interface SlaDue {
  firstResponseDue: Date;
  dueAt: Date;
  /** The regulatory complaint clock (15 working days) applies. */
  regulatory: boolean;
}

/**
 * Due times: the category's SLA for the priority, else the department's default; complaints get the
 * regulatory working days; VIP clients get the tighter of the two first-response times.
 */
export function computeDue(kb: KnowledgeBase, input: SlaInput, createdAt: Date, zone: string, log?: Logger): SlaDue {
  const calendar = workingCalendarOf(kb, log);
  const category = kb.category(input.category);
  const department = kb.department(input.department);
  const pair = category?.sla[input.priority] ?? category?.sla.normal ?? department?.sla ?? { firstResponse: '8h', resolution: '5d' };
  const regulatory = category?.complaint ?? false;
  let firstResponse = addWorkingTime(createdAt, parseWorkingDuration(pair.firstResponse), calendar, zone);
  if (input.vip) {
    const vip = addWorkingTime(createdAt, parseWorkingDuration(kb.routing.vipFirstResponse), calendar, zone);
    if (vip < firstResponse) firstResponse = vip;
  }
  const resolution = regulatory ? { amount: kb.routing.complaintDays, unit: 'd' as const } : parseWorkingDuration(pair.resolution);
  const dueAt = addWorkingTime(createdAt, resolution, calendar, zone);
  if (firstResponse > dueAt) firstResponse = dueAt;
  return { firstResponseDue: firstResponse, dueAt, regulatory };
}
