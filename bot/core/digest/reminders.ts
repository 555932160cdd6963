// Personal reminders: an assignee hears when an issue reaches a share of its SLA and when it is overdue,
// in one message per person per run.
import type { KnowledgeBase } from '../../../knowledge/model';
import type { Stores } from '../../../storage/stores';
import { inBothLocales } from '../i18n';
import type { Issue } from '../issues/model';
import type { Block, Locale, Platform, Reply } from '../types';
import { workingDurationBetween, type WorkingCalendar } from '../workingTime';
import { issueLine, section, shortTime, workingSpan } from './format';
import { escalationOf, workdayHours } from './settings';

export type ReminderLevel = 'share' | 'overdue';

export interface SweepDeps {
  kb: KnowledgeBase;
  stores: Stores;
  calendar: WorkingCalendar;
  /** The bank's zone: SLA clocks run in it. */
  zone: string;
  platforms: readonly Platform[];
  now: Date;
}

interface Due {
  issue: Issue;
  level: ReminderLevel;
  /** Working hours left (share) or past the deadline (overdue). */
  hours: number;
}

const MAX_ITEMS = 15;

/** Which reminder an issue needs now, if any; a paused clock (waiting for the client) needs none. */
export function reminderLevel(issue: Issue, share: number, deps: Pick<SweepDeps, 'calendar' | 'zone' | 'now'>): Due | undefined {
  if (!issue.assignee || issue.pausedSince) return undefined;
  const { calendar, zone, now } = deps;
  const created = new Date(issue.createdAt);
  const due = new Date(issue.dueAt);
  if (due <= now) return { issue, level: 'overdue', hours: workingDurationBetween(due, now, calendar, zone).hours };
  const total = workingDurationBetween(created, due, calendar, zone).hours;
  if (total <= 0) return undefined;
  const elapsed = workingDurationBetween(created, now, calendar, zone).hours;
  if (elapsed / total < share) return undefined;
  return { issue, level: 'share', hours: total - elapsed };
}

/** One reminder per level, per assignee, per deadline: a new assignee or an extended deadline is reminded again. */
function alreadyReminded(stores: Stores, d: Due): boolean {
  return stores.issueEvents
    .history(d.issue.id)
    .some((e) => e.type === 'reminded' && e.data.level === d.level && e.data.to === d.issue.assignee && e.data.dueAt === d.issue.dueAt);
}

/** Runs inside the sweep's transaction: enqueues the messages and records a `reminded` event per issue. */
export function sendReminders(deps: SweepDeps): { messages: number; issues: number } {
  const { kb, stores, now } = deps;
  const { reminderShare } = escalationOf(kb);
  const wantsReminders = new Map<string, boolean>();
  const byPerson = new Map<string, Due[]>();
  for (const issue of stores.issues.allOpen()) {
    const due = reminderLevel(issue, reminderShare, deps);
    if (!due || !issue.assignee) continue;
    const person = issue.assignee;
    let wants = wantsReminders.get(person);
    if (wants === undefined) {
      wants = stores.prefs.of(person).reminders;
      wantsReminders.set(person, wants);
    }
    // Nothing is recorded for someone who turned reminders off: turning them on shows what is pending.
    if (!wants || alreadyReminded(stores, due)) continue;
    const list = byPerson.get(person) ?? [];
    list.push(due);
    byPerson.set(person, list);
  }
  let issues = 0;
  for (const [person, dues] of byPerson) {
    dues.sort((a, b) => (a.level === b.level ? a.issue.dueAt.localeCompare(b.issue.dueAt) : a.level === 'overdue' ? -1 : 1));
    stores.outbox.enqueue(
      { target: { kind: 'person', personId: person }, reply: inBothLocales((l) => reminderReply(dues, deps, l, reminderShare)) },
      deps.platforms,
      now,
    );
    for (const d of dues) {
      stores.issueEvents.append(d.issue.id, now, 'system', 'system', 'reminded', {
        level: d.level,
        to: person,
        dueAt: d.issue.dueAt,
        share: d.level === 'share' ? reminderShare : undefined,
      });
      issues++;
    }
  }
  return { messages: byPerson.size, issues };
}

function reminderReply(dues: Due[], deps: SweepDeps, l: Locale, share: number): Reply {
  const ru = l === 'ru';
  const { kb, zone, calendar, now } = deps;
  const dayHours = workdayHours(calendar, now.toISOString().slice(0, 10));
  const overdue = dues.filter((d) => d.level === 'overdue');
  const nearing = dues.filter((d) => d.level === 'share');
  const title = ru ? '⏰ Напоминание о сроках по вашим обращениям' : '⏰ Deadlines of your issues';
  const blocks: Block[] = [{ type: 'heading', text: title }];
  const mine = ru ? 'обращение список мои' : 'issue list mine';
  if (overdue.length > 0) {
    blocks.push({
      type: 'text',
      markdown: section(
        `${ru ? 'Просрочено' : 'Overdue'} (${overdue.length})`,
        overdue.slice(0, MAX_ITEMS).map((d) => {
          const late = workingSpan(d.hours, dayHours, l);
          return `${issueLine(d.issue, kb, l)} — ${ru ? `срок был ${shortTime(d.issue.dueAt, zone, l)}, просрочено на ${late}` : `was due ${shortTime(d.issue.dueAt, zone, l)}, ${late} late`}`;
        }),
        overdue.length,
        { locale: l, command: mine },
      ),
    });
  }
  if (nearing.length > 0) {
    const pct = Math.round(share * 100);
    blocks.push({
      type: 'text',
      markdown: section(
        `${ru ? `Прошло ${pct} % срока` : `${pct}% of the time used`} (${nearing.length})`,
        nearing.slice(0, MAX_ITEMS).map((d) => {
          const left = workingSpan(d.hours, dayHours, l);
          return `${issueLine(d.issue, kb, l)} — ${ru ? `срок ${shortTime(d.issue.dueAt, zone, l)}, осталось ${left} рабочего времени` : `due ${shortTime(d.issue.dueAt, zone, l)}, ${left} of working time left`}`;
        }),
        nearing.length,
        { locale: l, command: mine },
      ),
    });
  }
  blocks.push({
    type: 'text',
    markdown: ru ? '_Отключить напоминания: `дайджест отписаться`_' : '_To stop these reminders: `digest unsubscribe`_',
  });
  const summary = ru
    ? `просрочено ${overdue.length}, подходит срок ${nearing.length}`
    : `${overdue.length} overdue, ${nearing.length} nearing the deadline`;
  return { blocks, fallbackText: `${title}: ${summary}` };
}
