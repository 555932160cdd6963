// What a department's morning digest says, as data; digestReply.ts turns it into words.
import type { Entry, KnowledgeBase } from '../../../knowledge/model';
import type { Department } from '../../../knowledge/schema/departments';
import type { UnansweredRow } from '../../../storage/answerLog';
import type { Stores } from '../../../storage/stores';
import type { CoreSettings } from '../command';
import type { Issue, IssueStatus } from '../issues/model';
import { OPEN_STATUSES } from '../issues/model';
import { localDate, previousOccurrence } from '../scheduler/schedule';
import { workingDurationBetween, type WorkingCalendar } from '../workingTime';
import { departmentZone, digestScheduleOf, workdayHours } from './settings';

/** Knowledge entries whose review date is this close (or past) are listed for their owner. */
export const REVIEW_WINDOW_DAYS = 14;
/** Reading a whole department is fine for the largest one (2,000 of 100,000 open issues); this only stops a runaway. */
const OPEN_LIMIT = 100_000;
const UNANSWERED_LIMIT = 200;
/** A scheduled run this much after its time says it is late (the bot was down). */
const LATE_AFTER_MS = 10 * 60_000;

export interface OverdueItem {
  issue: Issue;
  /** Working hours past the deadline. */
  lateHours: number;
}

export interface DepartmentDigest {
  department: Department;
  /** The department's zone: "today" and the times shown. */
  zone: string;
  now: Date;
  /** The start of "new since the last digest". */
  since: Date;
  /** The occurrence a scheduled run is for; set when the run is late (catching up after downtime). */
  lateFor?: Date;
  /** Hours in a full working day, for showing lateness in days. */
  dayHours: number;
  openTotal: number;
  byStatus: { status: IssueStatus; count: number }[];
  overdue: OverdueItem[];
  dueToday: Issue[];
  /** The next working day after today (YYYY-MM-DD) and what is due on it. */
  nextDay: string;
  dueNextDay: Issue[];
  unassigned: Issue[];
  newIssues: Issue[];
  /** Issues routed here since `since`, open or not (some were resolved or handed on already). */
  newTotal: number;
  handedIn: { issue: Issue; from: string }[];
  reviews: { entry: Entry; overdue: boolean }[];
  unanswered: UnansweredRow[];
  /** The committee's digest: open issues escalated to it. */
  escalatedToCommittee: Issue[];
  /**
   * Years the department's deadlines reach (this one; from December, the next one too) that have no
   * production calendar (weekends only are counted) or only a provisional one.
   */
  beyondCalendar: number[];
  provisionalCalendar: number[];
}

export interface DigestDeps {
  kb: KnowledgeBase;
  stores: Stores;
  calendar: WorkingCalendar;
  settings: Pick<CoreSettings, 'timezone'>;
}

/**
 * Where "new since the last digest" starts: the last run (scheduled or sent by hand), else the schedule's
 * previous occurrence, else a day ago.
 */
export function digestSince(deps: DigestDeps, department: Department, before: Date): Date {
  const last = deps.stores.jobRuns.latest('digest', department.id);
  if (last && last.ranAt < before) return last.ranAt;
  try {
    const previous = previousOccurrence(digestScheduleOf(department, deps.settings), before, deps.calendar);
    if (previous) return previous;
  } catch {
    // A broken schedule is reported by the scheduler; the digest still covers a day.
  }
  return new Date(before.getTime() - 24 * 3_600_000);
}

export function buildDigest(
  deps: DigestDeps,
  department: Department,
  now: Date,
  options: { since?: Date; scheduledFor?: Date } = {},
): DepartmentDigest {
  const { kb, stores, calendar, settings } = deps;
  const zone = departmentZone(department, settings);
  // SLA clocks run in the bank's zone (the issue desk computes due times there).
  const slaZone = settings.timezone;
  const since = options.since ?? digestSince(deps, department, now);
  const today = localDate(now, zone);
  const nextDay = nextWorkingDay(today, calendar);
  const open = stores.issues.openInDepartment(department.id, OPEN_LIMIT);
  const running = open.filter((i) => !i.pausedSince);

  const overdue = running
    .filter((i) => new Date(i.dueAt) < now)
    .map((issue) => ({ issue, lateHours: workingDurationBetween(new Date(issue.dueAt), now, calendar, slaZone).hours }))
    .sort((a, b) => b.lateHours - a.lateHours || a.issue.dueAt.localeCompare(b.issue.dueAt));
  const notOverdue = running.filter((i) => new Date(i.dueAt) >= now);
  const dueToday = notOverdue.filter((i) => localDate(new Date(i.dueAt), zone) === today);
  const dueNextDay = notOverdue.filter((i) => localDate(new Date(i.dueAt), zone) === nextDay);

  const handedIn = handedInSince(stores, department.id, since, now, open);
  const handedInIds = new Set(handedIn.map((h) => h.issue.id));
  const newIssues = open
    .filter((i) => new Date(i.createdAt) >= since && !handedInIds.has(i.id))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  // Routing is recorded in the 'created' event; issues logged before that have a 'routed' event instead.
  const routedHere = [...stores.issueEvents.ofType('created', since, now), ...stores.issueEvents.ofType('routed', since, now)].filter(
    (e) => e.data.department === department.id,
  );

  const counts = new Map<IssueStatus, number>();
  for (const issue of open) counts.set(issue.status, (counts.get(issue.status) ?? 0) + 1);

  // Fifteen working days from a December issue end in January: warn a month ahead, not on 31 December.
  const thisYear = Number(today.slice(0, 4));
  const years = [...new Set([thisYear, Number(nextDay.slice(0, 4)), ...(today.slice(5, 7) === '12' ? [thisYear + 1] : [])])];

  return {
    department,
    zone,
    now,
    since,
    lateFor: options.scheduledFor && now.getTime() - options.scheduledFor.getTime() > LATE_AFTER_MS ? options.scheduledFor : undefined,
    dayHours: workdayHours(calendar, today),
    openTotal: open.length,
    byStatus: OPEN_STATUSES.flatMap((status) => {
      const count = counts.get(status) ?? 0;
      return count > 0 ? [{ status, count }] : [];
    }),
    overdue,
    dueToday,
    nextDay,
    dueNextDay,
    unassigned: open.filter((i) => !i.assignee),
    newIssues,
    newTotal: Math.max(routedHere.length, newIssues.length),
    handedIn,
    reviews: reviewsDue(kb, department.id, today),
    unanswered: stores.answerLog.unansweredFor(department.id, since, UNANSWERED_LIMIT),
    escalatedToCommittee: department.kind === 'committee' ? escalatedToCommittee(stores, now) : [],
    beyondCalendar: years.filter((y) => calendar.coverageOf(y) === 'missing'),
    provisionalCalendar: years.filter((y) => calendar.coverageOf(y) === 'provisional'),
  };
}

/** Nothing to say: no open issues and nothing new. */
export function isEmptyDigest(d: DepartmentDigest): boolean {
  return (
    d.openTotal === 0 &&
    d.newTotal === 0 &&
    d.handedIn.length === 0 &&
    d.reviews.length === 0 &&
    d.unanswered.length === 0 &&
    d.escalatedToCommittee.length === 0
  );
}

function nextWorkingDay(date: string, calendar: WorkingCalendar): string {
  const day = new Date(`${date}T00:00:00Z`);
  // A year always has working days (without a calendar, weekdays count): the loop ends within days.
  for (;;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const iso = day.toISOString().slice(0, 10);
    if (calendar.isWorkingDay(iso)) return iso;
  }
}

function handedInSince(stores: Stores, department: string, since: Date, now: Date, open: Issue[]): { issue: Issue; from: string }[] {
  const byId = new Map(open.map((i) => [i.id, i]));
  const found = new Map<number, { issue: Issue; from: string }>();
  for (const event of stores.issueEvents.ofType('handoff', since, now)) {
    if (event.data.to !== department) continue;
    const issue = byId.get(event.issueId);
    if (issue) found.set(issue.id, { issue, from: String(event.data.from ?? '') });
  }
  return [...found.values()];
}

function reviewsDue(kb: KnowledgeBase, department: string, today: string): { entry: Entry; overdue: boolean }[] {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + REVIEW_WINDOW_DAYS);
  const horizon = limit.toISOString().slice(0, 10);
  return kb.entries
    .filter((e) => e.owner === department && e.reviewBy <= horizon)
    .sort((a, b) => a.reviewBy.localeCompare(b.reviewBy) || a.id.localeCompare(b.id))
    .map((entry) => ({ entry, overdue: entry.reviewBy < today }));
}

function escalatedToCommittee(stores: Stores, now: Date): Issue[] {
  const ids = new Set(
    stores.issueEvents
      .ofType('escalated', new Date(0), now)
      .filter((e) => e.data.level === 'committee')
      .map((e) => e.issueId),
  );
  if (ids.size === 0) return [];
  return stores.issues.allOpen().filter((i) => ids.has(i.id));
}
