// A department's or a person's own statistics for a period (собственная статистика).
import type { RatingFactSource } from './facts';
import { cutOf, type FigureContext, isOverdueOpenIn, isResolvedIn, mean, resolutionHoursOf } from './figures';
import type { Period } from './period';

export type StatsSubject = { kind: 'department'; id: string } | { kind: 'person'; id: string };

export interface Stats {
  subject: StatsSubject;
  period: Period;
  /** Department: routed to it or handed to it. Person: taken by them or assigned to them. */
  received: number;
  /** Department: resolved while it had the issue. Person: resolved by them. */
  resolved: number;
  /** Resolved after the deadline, plus due in the period and still unresolved. */
  overdue: number;
  /** Department: handed to another department. Person: handoffs they made. */
  handedOn: number;
  /** Mean working hours to resolution (less waiting for the client) of the issues resolved. */
  averageHandlingHours?: number;
  /** Department: answers served on its topics. Person: answers they were given. */
  answered: number;
  answersRated: number;
  /** Percent of rated answers marked helpful. */
  helpfulShare?: number;
  /** Department: questions on its topics without an approved answer. Person: questions they asked that had none. */
  unanswered: number;
}

export function computeStats(source: RatingFactSource, subject: StatsSubject, period: Period, ctx: FigureContext): Stats {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const cut = cutOf(period, ctx.now);
  const facts = source.load(period.start, new Date(cut));
  const isDepartment = subject.kind === 'department';
  const id = subject.id.toLowerCase();
  const same = (value: unknown) => typeof value === 'string' && value.toLowerCase() === id;

  // Who resolved an issue: the actor of its last resolution, the one its `resolvedAt` records.
  const resolver = new Map<number, string>();
  for (const e of facts.events) if (e.type === 'resolved') resolver.set(e.issueId, e.actor);

  const resolved = facts.issues.filter(
    (i) => isResolvedIn(i, start, end) && (isDepartment ? i.department === subject.id : same(resolver.get(i.id))),
  );
  const overdueOpen = facts.issues.filter(
    (i) => isOverdueOpenIn(i, start, cut) && (isDepartment ? i.department === subject.id : same(i.assignee)),
  );

  let received = 0;
  let handedOn = 0;
  for (const e of facts.events) {
    if (e.at < start || e.at >= end) continue;
    if (isDepartment) {
      if (e.type === 'routed' && e.data.department === subject.id) received += 1;
      if (e.type === 'handoff' && e.data.to === subject.id) received += 1;
      if (e.type === 'handoff' && e.data.from === subject.id) handedOn += 1;
    } else {
      if (e.type === 'taken' && same(e.actor)) received += 1;
      if (e.type === 'assigned' && same(e.data.assignee)) received += 1;
      if (e.type === 'handoff' && same(e.actor)) handedOn += 1;
    }
  }

  const answers = facts.answers.filter((a) => (isDepartment ? a.owner === subject.id : same(a.actorId)));
  const rated = answers.filter((a) => a.helpful !== null);
  const unanswered = facts.unanswered.filter((q) => (isDepartment ? q.department === subject.id : same(q.actorId)));

  return {
    subject,
    period,
    received,
    resolved: resolved.length,
    overdue: resolved.filter((i) => i.resolvedAt! > i.dueAt).length + overdueOpen.length,
    handedOn,
    averageHandlingHours: mean(resolved.map((i) => resolutionHoursOf(i, ctx))),
    answered: answers.length,
    answersRated: rated.length,
    helpfulShare: rated.length > 0 ? (100 * rated.filter((a) => a.helpful).length) / rated.length : undefined,
    unanswered: unanswered.length,
  };
}
