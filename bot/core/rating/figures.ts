// What each department did in a period, as raw figures, and the indicators computed from them.
// Definitions (README.md explains them for the committee):
//   resolved R  = issues the department has now whose resolution falls in the period;
//   overdue O   = its issues due in the period (before "now" for a period still running) and not resolved
//                 by the period's end (or by now);
//   received    = issues routed to it when logged in the period, plus issues handed to it in the period;
//   handed on   = handoffs from it in the period.
import { DateTime } from 'luxon';
import type { Entry } from '../../../knowledge/model';
import type { IndicatorId } from '../../../knowledge/schema/rating';
import { type WorkingCalendar, workingDurationBetween } from '../workingTime';
import type { IssueFact, RatingFacts } from './facts';
import type { Period } from './period';
import { periodDays } from './period';

export interface FigureContext {
  calendar: WorkingCalendar;
  /** The bank's time zone: working hours and "within the review date" are counted in it. */
  zone: string;
  now: Date;
  /** Fewer satisfaction ratings than this make the satisfaction indicator unknown. */
  minRatings: number;
}

export interface DepartmentFigures {
  department: string;
  resolved: number;
  resolvedOnTime: number;
  overdueOpen: number;
  /** Issues with an SLA outcome in the period (resolved + overdue): the count the minimum applies to. */
  issues: number;
  received: number;
  handedOn: number;
  reopened: number;
  /** Satisfaction ratings (1–5) recorded at resolution, of the issues resolved in the period. */
  ratings: number[];
  firstResponseHours: number[];
  resolutionHours: number[];
  knowledgeEntries: number;
  knowledgeFresh: number;
  answersServed: number;
  answersRated: number;
  answersHelpful: number;
  /** Raw indicator values; an indicator without data is absent. */
  values: Partial<Record<IndicatorId, number>>;
}

/** The end of what can be known about a period: its end, or now for a period still running. */
export function cutOf(period: Period, now: Date): number {
  return Math.min(period.end.getTime(), now.getTime());
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The satisfaction index of 1–5 ratings: their mean placed on 0–100 (1 → 0, 3 → 50, 5 → 100). */
export function indexOfRatings(ratings: readonly number[]): number | undefined {
  const m = mean(ratings);
  return m === undefined ? undefined : ((m - 1) / 4) * 100;
}

const share = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : undefined);

function emptyFigures(department: string): DepartmentFigures {
  return {
    department,
    resolved: 0,
    resolvedOnTime: 0,
    overdueOpen: 0,
    issues: 0,
    received: 0,
    handedOn: 0,
    reopened: 0,
    ratings: [],
    firstResponseHours: [],
    resolutionHours: [],
    knowledgeEntries: 0,
    knowledgeFresh: 0,
    answersServed: 0,
    answersRated: 0,
    answersHelpful: 0,
    values: {},
  };
}

export function isResolvedIn(issue: IssueFact, start: number, end: number): boolean {
  return issue.resolvedAt !== undefined && issue.resolvedAt >= start && issue.resolvedAt < end;
}

/** Due in the period (before `cut`) and still unresolved at `cut`. */
export function isOverdueOpenIn(issue: IssueFact, start: number, cut: number): boolean {
  return issue.dueAt >= start && issue.dueAt < cut && (issue.resolvedAt === undefined || issue.resolvedAt >= cut);
}

export function workingHours(from: number, to: number, ctx: Pick<FigureContext, 'calendar' | 'zone'>): number {
  return workingDurationBetween(new Date(from), new Date(to), ctx.calendar, ctx.zone).hours;
}

/** Working hours to resolution, less the time the clock stood still waiting for the client. */
export function resolutionHoursOf(issue: IssueFact, ctx: Pick<FigureContext, 'calendar' | 'zone'>): number {
  return Math.max(0, workingHours(issue.createdAt, issue.resolvedAt!, ctx) - issue.pausedHours);
}

/**
 * Figures of every department in `departments` for one period. `facts` may cover a wider window (the
 * previous periods too): only what falls in the period is counted.
 */
export function figuresByDepartment(
  facts: RatingFacts,
  period: Period,
  departments: readonly string[],
  entries: readonly Entry[],
  ctx: FigureContext,
): Map<string, DepartmentFigures> {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const cut = cutOf(period, ctx.now);
  const out = new Map(departments.map((d) => [d, emptyFigures(d)]));

  for (const issue of facts.issues) {
    const f = out.get(issue.department);
    if (!f) continue;
    if (isResolvedIn(issue, start, end)) {
      const resolvedAt = issue.resolvedAt!;
      f.resolved += 1;
      if (resolvedAt <= issue.dueAt) f.resolvedOnTime += 1;
      if (issue.reopened > 0) f.reopened += 1;
      if (issue.satisfaction !== undefined) f.ratings.push(issue.satisfaction);
      // Resolving counts as a response: an issue resolved at once was answered at once.
      f.firstResponseHours.push(workingHours(issue.createdAt, issue.firstResponseAt ?? resolvedAt, ctx));
      f.resolutionHours.push(resolutionHoursOf(issue, ctx));
    } else if (isOverdueOpenIn(issue, start, cut)) {
      f.overdueOpen += 1;
    }
  }

  for (const e of facts.events) {
    if (e.at < start || e.at >= end) continue;
    if (e.type === 'routed') {
      const f = out.get(String(e.data.department));
      if (f) f.received += 1;
    } else if (e.type === 'handoff') {
      const to = out.get(String(e.data.to));
      if (to) to.received += 1;
      const from = out.get(String(e.data.from));
      if (from) from.handedOn += 1;
    }
  }

  for (const a of facts.answers) {
    if (a.servedAt < start || a.servedAt >= end) continue;
    const f = out.get(a.owner);
    if (!f) continue;
    f.answersServed += 1;
    if (a.helpful !== null) {
      f.answersRated += 1;
      if (a.helpful) f.answersHelpful += 1;
    }
  }

  // An entry is fresh when its review-by date is not before the last day the period has seen.
  const asOf = DateTime.fromMillis(cut - 1, { zone: ctx.zone }).toISODate()!;
  for (const entry of entries) {
    const f = out.get(entry.owner);
    if (!f) continue;
    f.knowledgeEntries += 1;
    if (entry.reviewBy >= asOf) f.knowledgeFresh += 1;
  }

  const days = periodDays(period.start, new Date(cut));
  for (const f of out.values()) {
    f.issues = f.resolved + f.overdueOpen;
    const v = f.values;
    const sla = share(f.resolvedOnTime, f.issues);
    if (sla !== undefined) v.slaShare = sla;
    const firstResponse = median(f.firstResponseHours);
    if (firstResponse !== undefined) v.firstResponseHours = firstResponse;
    const resolution = median(f.resolutionHours);
    if (resolution !== undefined) v.resolutionHours = resolution;
    const handoff = share(Math.min(f.handedOn, f.received), f.received);
    if (handoff !== undefined) v.handoffShare = handoff;
    const reopened = share(f.reopened, f.resolved);
    if (reopened !== undefined) v.reopenedShare = reopened;
    if (f.ratings.length >= ctx.minRatings) v.satisfaction = indexOfRatings(f.ratings)!;
    const fresh = share(f.knowledgeFresh, f.knowledgeEntries);
    if (fresh !== undefined) v.knowledgeFresh = fresh;
    const helpful = share(f.answersHelpful, f.answersRated);
    if (helpful !== undefined) v.answersHelpful = helpful;
    if (days > 0) v.answersServed = (f.answersServed * 30) / days;
  }
  return out;
}
