// Escalation: an overdue issue goes up to its department's head; one overdue by more than the margin (or
// a VIP client's) goes to the client work committee. Once per level, each an audit event.
import type { Stores } from '../../../storage/stores';
import { inBothLocales } from '../i18n';
import { departmentName } from '../issues/issueCards';
import type { Issue } from '../issues/model';
import type { Block, Locale, Reply } from '../types';
import { workingDurationBetween } from '../workingTime';
import { issueLine, section, shortTime, workingSpan } from './format';
import type { SweepDeps } from './reminders';
import { escalationOf, workdayHours } from './settings';

export type EscalationLevel = 'head' | 'committee';

interface Escalated {
  issue: Issue;
  lateHours: number;
  /** Why it reached the committee. */
  reason?: 'vip' | 'late';
}

const MAX_ITEMS = 15;

function escalatedLevels(stores: Stores, issue: Issue): Set<string> {
  return new Set(
    stores.issueEvents
      .history(issue.id)
      .filter((e) => e.type === 'escalated')
      .map((e) => String(e.data.level)),
  );
}

/** Runs inside the sweep's transaction: checks the audit log, enqueues one message per head and one to the committee. */
export function escalateOverdue(deps: SweepDeps, warn: (event: string, fields: Record<string, unknown>) => void = () => {}): {
  head: number;
  committee: number;
  messages: number;
} {
  const { kb, stores, calendar, zone, now } = deps;
  const { committeeAfterDays } = escalationOf(kb);
  const committee = kb.committee();
  const toHeads = new Map<string, Escalated[]>();
  const toCommittee: Escalated[] = [];
  for (const issue of stores.issues.allOpen()) {
    // A paused clock (waiting for the client) is not running late.
    if (issue.pausedSince) continue;
    const due = new Date(issue.dueAt);
    if (!(due < now)) continue;
    const lateHours = workingDurationBetween(due, now, calendar, zone).hours;
    const margin = committeeAfterDays * workdayHours(calendar, issue.dueAt.slice(0, 10));
    const reason = issue.vip ? 'vip' : lateHours > margin ? 'late' : undefined;
    const done = escalatedLevels(stores, issue);
    if (!done.has('head')) {
      const head = kb.department(issue.department)?.head;
      if (head) {
        const list = toHeads.get(head.toLowerCase()) ?? [];
        list.push({ issue, lateHours });
        toHeads.set(head.toLowerCase(), list);
      } else {
        warn('escalation.no_head', { issue: issue.number, department: issue.department });
      }
    }
    if (reason && !done.has('committee')) {
      if (committee) toCommittee.push({ issue, lateHours, reason });
      else warn('escalation.no_committee', { issue: issue.number });
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
