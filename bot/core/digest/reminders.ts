// Personal reminders: an assignee hears when an issue reaches a share of its SLA and when it is overdue,
// in one message per person per run.
import type { KnowledgeBase } from '../../../knowledge/model';
import type { Stores } from '../../../storage/stores';
import { inBothLocales } from '../i18n';
import type { Issue, IssueEvent } from '../issues/model';
import type { Block, Locale, Platform, Reply } from '../types';
import { addWorkingTime, workingDurationBetween, type WorkingCalendar } from '../workingTime';
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

export interface Due {
  issue: Issue;
  level: ReminderLevel;
  /** Working hours left (share) or past the deadline (overdue). */
  hours: number;
}

const MAX_ITEMS = 15;
/**
 * Reminders written per run. The writes hold the database's write lock; after a long outage on a large
 * bank, the most urgent go first and the rest follow in the next runs, a quarter of an hour apart.
 */
export const MAX_PER_RUN = 1_000;
/** When an issue reaches its reminder share, by calendar: the instant is fixed by creation, deadline and share. */
const shareInstants = new WeakMap<WorkingCalendar, Map<string, number>>();
const MAX_CACHED = 500_000;

function shareInstant(issue: Issue, share: number, calendar: WorkingCalendar, zone: string): number {
  let cache = shareInstants.get(calendar);
  if (!cache) {
    cache = new Map();
    shareInstants.set(calendar, cache);
  }
  const key = `${issue.createdAt}|${issue.dueAt}|${share}|${zone}`;
  let instant = cache.get(key);
  if (instant === undefined) {
    const created = new Date(issue.createdAt);
    const total = workingDurationBetween(created, new Date(issue.dueAt), calendar, zone).hours;
    instant = total > 0 ? addWorkingTime(created, { amount: total * share, unit: 'h' }, calendar, zone).getTime() : Number.POSITIVE_INFINITY;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, instant);
  }
  return instant;
}

/** Which reminder an issue needs now, if any; a paused clock (waiting for the client) needs none. */
export function reminderLevel(issue: Issue, share: number, deps: Pick<SweepDeps, 'calendar' | 'zone' | 'now'>): Due | undefined {
  if (!issue.assignee || issue.pausedSince) return undefined;
  const { calendar, zone, now } = deps;
  const due = new Date(issue.dueAt);
  if (due <= now) return { issue, level: 'overdue', hours: workingDurationBetween(due, now, calendar, zone).hours };
  if (now.getTime() < shareInstant(issue, share, calendar, zone)) return undefined;
  return { issue, level: 'share', hours: workingDurationBetween(now, due, calendar, zone).hours };
}

/** No audit event of an issue precedes its creation: the audit log is read from the oldest open issue on. */
export function oldestCreated(issues: Issue[]): Date {
  let oldest = Number.POSITIVE_INFINITY;
  for (const issue of issues) oldest = Math.min(oldest, Date.parse(issue.createdAt));
  return new Date(Number.isFinite(oldest) ? oldest : 0);
}

/** Overdue before nearing, then the earliest deadline. */
function byUrgency(a: Due, b: Due): number {
  return a.level === b.level ? a.issue.dueAt.localeCompare(b.issue.dueAt) : a.level === 'overdue' ? -1 : 1;
}

type Reminded = (issueId: number, level: ReminderLevel, to: string, dueAt: string) => boolean;

/** One reminder per level, per assignee, per deadline: a new assignee or an extended deadline is reminded again. */
function remindedIn(events: IssueEvent[]): Reminded {
  const keys = new Set(events.filter((e) => e.type === 'reminded').map((e) => `${e.issueId}|${e.data.level}|${e.data.to}|${e.data.dueAt}`));
  return (issueId, level, to, dueAt) => keys.has(`${issueId}|${level}|${to}|${dueAt}`);
}

/**
 * Read-only, outside the run's transaction: who needs which reminder now. Sweeps every open issue; the
 * instants are cached per issue, and the audit log is read in one query, so a repeat sweep is cheap.
 */
export function findReminders(deps: SweepDeps): Due[] {
  const { kb, stores, now } = deps;
  const { reminderShare } = escalationOf(kb);
  const open = stores.issues.allOpen();
  if (open.length === 0) return [];
  const oldest = oldestCreated(open);
  const reminded = remindedIn(stores.issueEvents.ofType('reminded', oldest, new Date(now.getTime() + 1)));
  const wantsReminders = new Map<string, boolean>();
  const found: Due[] = [];
  for (const issue of open) {
    const assignee = issue.assignee;
    if (!assignee || issue.pausedSince) continue;
    // The cheap test first: already reminded at the level this issue is at (or past).
    const overdue = new Date(issue.dueAt) <= now;
    if (reminded(issue.id, overdue ? 'overdue' : 'share', assignee, issue.dueAt)) continue;
    const due = reminderLevel(issue, reminderShare, deps);
    if (!due) continue;
    let wants = wantsReminders.get(assignee);
    if (wants === undefined) {
      wants = stores.prefs.of(assignee).reminders;
      wantsReminders.set(assignee, wants);
    }
    // Nothing is recorded for someone who turned reminders off: turning them on shows what is pending.
    if (wants) found.push(due);
  }
  return found.sort(byUrgency).slice(0, MAX_PER_RUN);
}

/**
 * Inside the run's transaction: re-checks each reminder found (the issue may have changed since it was
 * read), enqueues one message per person and records a `reminded` event per issue.
 */
export function sendReminders(deps: SweepDeps, found: Due[] = findReminders(deps)): { messages: number; issues: number } {
  const { kb, stores, now } = deps;
  const { reminderShare } = escalationOf(kb);
  const byPerson = new Map<string, Due[]>();
  for (const candidate of found) {
    const issue = stores.issues.byNumber(candidate.issue.number);
    if (!issue?.assignee || (issue.status === 'resolved' || issue.status === 'closed')) continue;
    const due = reminderLevel(issue, reminderShare, deps);
    if (!due || due.level !== candidate.level) continue;
    const assignee = issue.assignee;
    if (remindedIn(stores.issueEvents.history(issue.id))(issue.id, due.level, assignee, issue.dueAt)) continue;
    if (!stores.prefs.of(assignee).reminders) continue;
    const list = byPerson.get(assignee) ?? [];
    list.push(due);
    byPerson.set(assignee, list);
  }
  let issues = 0;
  for (const [person, dues] of byPerson) {
    dues.sort(byUrgency);
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
