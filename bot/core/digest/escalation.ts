// Escalation: an overdue issue goes up to its department's head; one overdue by more than the margin (or
// a VIP client's) goes to the client work committee. Once per level, each an audit event.
import { inBothLocales } from '../i18n';
import { departmentName } from '../issues/issueCards';
import type { Issue, IssueEvent } from '../issues/model';
import type { Block, Locale, Reply } from '../types';
import { addWorkingTime, type WorkingCalendar, workingDurationBetween } from '../workingTime';
import { issueLine, section, shortTime, workingSpan } from './format';
import { MAX_PER_RUN, oldestCreated, type SweepDeps } from './reminders';
import { escalationOf, workdayHours } from './settings';

export type EscalationLevel = 'head' | 'committee';

export interface Escalated {
  issue: Issue;
  level: EscalationLevel;
  lateHours: number;
  /** Why it reached the committee. */
  reason?: 'vip' | 'late';
}

const MAX_ITEMS = 15;
/** When an overdue issue passes the committee margin; fixed by the deadline and the margin, cached per calendar. */
const marginInstants = new WeakMap<WorkingCalendar, Map<string, number>>();
const MAX_CACHED = 500_000;

function pastMargin(issue: Issue, days: number, calendar: WorkingCalendar, zone: string, now: Date): boolean {
  let cache = marginInstants.get(calendar);
  if (!cache) {
    cache = new Map();
    marginInstants.set(calendar, cache);
  }
  const key = `${issue.dueAt}|${days}|${zone}`;
  let instant = cache.get(key);
  if (instant === undefined) {
    const hours = days * workdayHours(calendar, issue.dueAt.slice(0, 10));
    instant = addWorkingTime(new Date(issue.dueAt), { amount: hours, unit: 'h' }, calendar, zone).getTime();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, instant);
  }
  return now.getTime() > instant;
}

function levelsIn(events: IssueEvent[]): Map<number, Set<string>> {
  const levels = new Map<number, Set<string>>();
  for (const e of events) {
    if (e.type !== 'escalated') continue;
    const set = levels.get(e.issueId) ?? new Set<string>();
    set.add(String(e.data.level));
    levels.set(e.issueId, set);
  }
  return levels;
}

/** The escalations an issue needs now, given the levels it already went through. */
function escalationsOf(issue: Issue, done: Set<string> | undefined, deps: SweepDeps, committeeAfterDays: number): Escalated[] {
  const { calendar, zone, now } = deps;
  // A paused clock (waiting for the client) is not running late.
  if (issue.pausedSince || !(new Date(issue.dueAt) < now)) return [];
  const needsHead = !done?.has('head');
  const reason = issue.vip ? 'vip' : pastMargin(issue, committeeAfterDays, calendar, zone, now) ? 'late' : undefined;
  const needsCommittee = reason !== undefined && !done?.has('committee');
  if (!needsHead && !needsCommittee) return [];
  const lateHours = workingDurationBetween(new Date(issue.dueAt), now, calendar, zone).hours;
  const out: Escalated[] = [];
  if (needsHead) out.push({ issue, level: 'head', lateHours });
  if (needsCommittee) out.push({ issue, level: 'committee', lateHours, reason });
  return out;
}

/** Read-only, outside the run's transaction: every escalation due now (the audit log read in one query). */
export function findEscalations(deps: SweepDeps): Escalated[] {
  const { kb, stores, now } = deps;
  const { committeeAfterDays } = escalationOf(kb);
  const overdue = stores.issues.allOpen().filter((i) => !i.pausedSince && new Date(i.dueAt) < now);
  if (overdue.length === 0) return [];
  const oldest = oldestCreated(overdue);
  const done = levelsIn(stores.issueEvents.ofType('escalated', oldest, new Date(now.getTime() + 1)));
  // The latest first; after a long outage the rest follow in the next runs (see MAX_PER_RUN).
  return overdue
    .flatMap((issue) => escalationsOf(issue, done.get(issue.id), deps, committeeAfterDays))
    .sort((a, b) => b.lateHours - a.lateHours)
    .slice(0, MAX_PER_RUN);
}

/**
 * Inside the run's transaction: re-checks each escalation found against the issue and its audit log,
 * enqueues one message per head and one to the committee, and records an `escalated` event per level.
 */
export function escalateOverdue(
  deps: SweepDeps,
  found: Escalated[] = findEscalations(deps),
  warn: (event: string, fields: Record<string, unknown>) => void = () => {},
): { head: number; committee: number; messages: number } {
  const { kb, stores, now } = deps;
  const { committeeAfterDays } = escalationOf(kb);
  const committee = kb.committee();
  const toHeads = new Map<string, Escalated[]>();
  const toCommittee: Escalated[] = [];
  const checked = new Map<string, Escalated[]>();
  for (const candidate of found) {
    const number = candidate.issue.number;
    let current = checked.get(number);
    if (!current) {
      const issue = stores.issues.byNumber(number);
      const open = issue && issue.status !== 'resolved' && issue.status !== 'closed';
      current = open ? escalationsOf(issue, levelsIn(stores.issueEvents.history(issue.id)).get(issue.id), deps, committeeAfterDays) : [];
      checked.set(number, current);
    }
    const e = current.find((c) => c.level === candidate.level);
    if (!e) continue;
    if (e.level === 'head') {
      const head = kb.department(e.issue.department)?.head?.toLowerCase();
      if (!head) {
        warn('escalation.no_head', { issue: number, department: e.issue.department });
        continue;
      }
      toHeads.set(head, [...(toHeads.get(head) ?? []), e]);
    } else if (committee) {
      toCommittee.push(e);
    } else {
      warn('escalation.no_committee', { issue: number });
    }
  }

  let messages = 0;
  for (const [head, items] of toHeads) {
    items.sort((a, b) => b.lateHours - a.lateHours);
    stores.outbox.enqueue(
      { target: { kind: 'person', personId: head }, reply: inBothLocales((l) => escalationReply('head', items, deps, l, committeeAfterDays)) },
      deps.platforms,
      now,
    );
    messages++;
    for (const e of items) {
      stores.issueEvents.append(e.issue.id, now, 'system', 'system', 'escalated', { level: 'head', to: head, lateHours: round(e.lateHours) });
    }
  }
  if (toCommittee.length > 0) {
    toCommittee.sort((a, b) => b.lateHours - a.lateHours);
    stores.outbox.enqueue(
      { target: { kind: 'committee' }, reply: inBothLocales((l) => escalationReply('committee', toCommittee, deps, l, committeeAfterDays)) },
      deps.platforms,
      now,
    );
    messages++;
    for (const e of toCommittee) {
      stores.issueEvents.append(e.issue.id, now, 'system', 'system', 'escalated', {
        level: 'committee',
        to: 'committee',
        reason: e.reason,
        lateHours: round(e.lateHours),
      });
    }
  }
  const head = [...toHeads.values()].reduce((n, items) => n + items.length, 0);
  return { head, committee: toCommittee.length, messages };
}

function round(hours: number): number {
  return Math.round(hours * 100) / 100;
}

function escalationReply(level: EscalationLevel, items: Escalated[], deps: SweepDeps, l: Locale, committeeAfterDays: number): Reply {
  const ru = l === 'ru';
  const { kb, zone, calendar, now } = deps;
  const dayHours = workdayHours(calendar, now.toISOString().slice(0, 10));
  const title =
    level === 'head'
      ? ru
        ? '⚠️ Эскалация: просроченные обращения вашего подразделения'
        : '⚠️ Escalation: overdue issues in your department'
      : ru
        ? '🚨 Эскалация в комитет по клиентской работе'
        : '🚨 Escalated to the client work committee';
  const intro =
    level === 'head'
      ? ru
        ? 'Срок решения этих обращений прошёл. Назначьте исполнителя или помогите закрыть.'
        : 'These issues are past their deadline. Assign someone or help close them.'
      : ru
        ? `Просрочены более чем на ${committeeAfterDays} раб. дн. или принадлежат VIP-клиентам.`
        : `Overdue by more than ${committeeAfterDays} working days, or a VIP client's.`;
  const lines = items.slice(0, MAX_ITEMS).map((e) => {
    const late = workingSpan(e.lateHours, dayHours, l);
    const where = level === 'committee' ? ` · ${departmentName(kb, e.issue.department, l)}` : '';
    const why = e.reason === 'vip' ? (ru ? ' · VIP-клиент' : ' · VIP client') : '';
    return `${issueLine(e.issue, kb, l, { assignee: true })}${where} — ${ru ? `срок ${shortTime(e.issue.dueAt, zone, l)}, просрочено на ${late}` : `due ${shortTime(e.issue.dueAt, zone, l)}, ${late} late`}${why}`;
  });
  const blocks: Block[] = [
    { type: 'heading', text: title },
    { type: 'text', markdown: intro },
    {
      type: 'text',
      markdown: section(`${ru ? 'Обращения' : 'Issues'} (${items.length})`, lines, items.length, {
        locale: l,
        command: level === 'head' ? (ru ? 'обращение список просроченные' : 'issue list overdue') : undefined,
      }),
    },
  ];
  return { blocks, fallbackText: `${title}: ${items.length}` };
}
