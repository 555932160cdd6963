// Writes issues, their audit events, answers and unanswered questions straight into a real SQLite file,
// with the times each test's arithmetic needs. Times are written as Moscow wall-clock time.
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Issue, IssueEventType } from '../../bot/core/issues/model';
import { loadKnowledge } from '../../knowledge/loader';
import { KnowledgeBase } from '../../knowledge/model';
import { openDatabase } from '../../storage/database';
import { openStores, type Stores } from '../../storage/stores';
import { ROOT, tempDir } from '../support/files';

export const MOSCOW = 'Europe/Moscow';
export const RATING_KB = join(ROOT, 'test/fixtures/rating-kb');

/** `2026-10-01 10:00` in Moscow as an instant. */
export function msk(local: string): Date {
  const dt = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm:ss', { zone: MOSCOW }).isValid
    ? DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm:ss', { zone: MOSCOW })
    : DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: MOSCOW });
  if (!dt.isValid) throw new Error(`bad test time "${local}"`);
  return dt.toJSDate();
}

export function loadRatingKb(folder = RATING_KB): KnowledgeBase {
  const result = loadKnowledge(folder);
  if (!result.ok) throw new Error(`fixture knowledge base is broken: ${JSON.stringify(result.errors)}`);
  return new KnowledgeBase(result.knowledge);
}

export function openTestStores(file = join(tempDir('clientdesk-rating-'), 'clientdesk.db')): { stores: Stores; file: string } {
  return { stores: openStores(openDatabase(file)), file };
}

export interface SeedIssue {
  category: string;
  /** The department it was routed to when logged. */
  routedTo: string;
  created: string;
  due: string;
  firstResponse?: string;
  resolved?: string;
  satisfaction?: number;
  pausedHours?: number;
  branch?: string;
  assignee?: string;
  /** Handoffs in order: who handed it where, when. The issue ends with the last `to`. */
  handoffs?: { at: string; from: string; to: string; by: string }[];
  /** Times it was reopened (each before the final resolution). */
  reopenedAt?: string[];
  taken?: { at: string; by: string };
  assigned?: { at: string; to: string; by: string };
  /** Who resolved it (the actor of the `resolved` event). */
  resolvedBy?: string;
}

let counter = 0;

/** Inserts one issue as the desk would have left it, with the audit events the rating reads. */
export function seedIssue(stores: Stores, s: SeedIssue): Issue {
  counter += 1;
  const department = s.handoffs?.at(-1)?.to ?? s.routedTo;
  const created = msk(s.created).toISOString();
  const status = s.resolved ? 'resolved' : 'in_progress';
  const issue = stores.issues.insert({
    number: `CL-2026-${String(counter).padStart(6, '0')}`,
    client: 'Клиент ***',
    vip: false,
    category: s.category,
    channel: 'branch',
    branch: s.branch,
    description: 'описание',
    priority: 'normal',
    status,
    department,
    assignee: s.assignee,
    requester: 'requester@bank.test',
    requesterPlatform: 'console',
    routeReason: { ru: 'тест', en: 'test' },
    createdAt: created,
    firstResponseAt: s.firstResponse ? msk(s.firstResponse).toISOString() : undefined,
    firstResponseDue: msk(s.due).toISOString(),
    dueAt: msk(s.due).toISOString(),
    regulatory: false,
    extended: false,
    pausedHours: s.pausedHours ?? 0,
    satisfaction: s.satisfaction,
    resolvedAt: s.resolved ? msk(s.resolved).toISOString() : undefined,
    reopened: s.reopenedAt?.length ?? 0,
    handoffs: s.handoffs?.length ?? 0,
    entries: [],
    updatedAt: created,
  });
  const event = (at: string, actor: string, type: IssueEventType, data: Record<string, unknown> = {}) =>
    stores.issueEvents.append(issue.id, msk(at), actor, 'console', type, data);
  event(s.created, 'requester@bank.test', 'created', { category: s.category });
  event(s.created, 'requester@bank.test', 'routed', { department: s.routedTo });
  for (const h of s.handoffs ?? []) event(h.at, h.by, 'handoff', { from: h.from, to: h.to, reason: 'не наш профиль' });
  if (s.taken) event(s.taken.at, s.taken.by, 'taken', { status: 'assigned' });
  if (s.assigned) event(s.assigned.at, s.assigned.by, 'assigned', { assignee: s.assigned.to });
  for (const at of s.reopenedAt ?? []) event(at, 'requester@bank.test', 'reopened', { reason: 'снова' });
  if (s.resolved) event(s.resolved, s.resolvedBy ?? s.assignee ?? 'someone@bank.test', 'resolved', { resolution: 'решено', satisfaction: s.satisfaction });
  return issue;
}

export function seedAnswer(stores: Stores, at: string, owner: string, helpful: boolean | null, actorId = 'staff@bank.test'): void {
  const id = stores.answerLog.logServed({
    servedAt: msk(at),
    entryId: `${owner}-entry`,
    entryKind: 'answer',
    owner,
    actorId,
    platform: 'console',
    question: 'вопрос',
    decision: 'answer',
  });
  if (helpful !== null) stores.answerLog.rate(id, helpful);
}

export function seedUnanswered(stores: Stores, at: string, department: string | undefined, actorId = 'staff@bank.test'): void {
  stores.answerLog.logUnanswered({ askedAt: msk(at), question: 'вопрос без ответа', actorId, platform: 'console', department });
}
