import type { AnswerFact, EventFact, EventFactType, IssueFact, RatingFactSource, RatingFacts, UnansweredFact } from '../bot/core/rating/facts';
import type { Database } from './database';

const EVENT_TYPES: readonly EventFactType[] = ['routed', 'handoff', 'taken', 'assigned', 'resolved', 'reopened'];
// An issue's routing is its 'created' event now (with the department); issues logged before that have a 'routed' one.
const STORED_TYPES = [...EVENT_TYPES, 'created'];

interface IssueRow {
  id: number;
  number: string;
  category: string;
  branch: string | null;
  department: string;
  assignee: string | null;
  created_at: string;
  first_response_at: string | null;
  due_at: string;
  resolved_at: string | null;
  paused_hours: number;
  satisfaction: number | null;
  reopened: number;
}

interface EventRow {
  issue_id: number;
  at: string;
  actor: string;
  type: EventFactType | 'created';
  data: string;
}

const ms = (iso: string) => Date.parse(iso);
const optionalMs = (iso: string | null) => (iso === null ? undefined : Date.parse(iso));

/**
 * Reads the facts behind ratings, the satisfaction index and statistics. Only time windows are chosen
 * in SQL; what counts as resolved in time, handed on or overdue is decided in `bot/core/rating`.
 */
export class RatingDataRepository implements RatingFactSource {
  private readonly issueRows;
  private readonly eventRows;
  private readonly answerRows;
  private readonly unansweredRows;

  constructor(db: Database) {
    this.issueRows = db.prepare(
      `SELECT id, number, category, branch, department, assignee, created_at, first_response_at, due_at, resolved_at,
              paused_hours, satisfaction, reopened
       FROM issues WHERE created_at < @to AND (resolved_at IS NULL OR resolved_at >= @from)`,
    );
    this.eventRows = db.prepare(
      `SELECT issue_id, at, actor, type, data FROM issue_events
       WHERE type IN (${STORED_TYPES.map((t) => `'${t}'`).join(', ')}) AND at >= @from AND at < @to ORDER BY id`,
    );
    this.answerRows = db.prepare('SELECT served_at, owner, actor_id, helpful FROM answers_served WHERE served_at >= @from AND served_at < @to');
    this.unansweredRows = db.prepare('SELECT asked_at, department, actor_id FROM unanswered_questions WHERE asked_at >= @from AND asked_at < @to');
  }

  load(from: Date, to: Date): RatingFacts {
    const window = { from: from.toISOString(), to: to.toISOString() };
    const issues = (this.issueRows.all(window) as IssueRow[]).map(
      (r): IssueFact => ({
        id: r.id,
        number: r.number,
        category: r.category,
        branch: r.branch ?? undefined,
        department: r.department,
        assignee: r.assignee ?? undefined,
        createdAt: ms(r.created_at),
        firstResponseAt: optionalMs(r.first_response_at),
        dueAt: ms(r.due_at),
        resolvedAt: optionalMs(r.resolved_at),
        pausedHours: r.paused_hours,
        satisfaction: r.satisfaction ?? undefined,
        reopened: r.reopened,
      }),
    );
    const events: EventFact[] = [];
    for (const r of this.eventRows.all(window) as EventRow[]) {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      if (r.type === 'created' && data.department === undefined) continue; // logged before routing moved into it: its 'routed' event counts
      events.push({ issueId: r.issue_id, at: ms(r.at), actor: r.actor, type: r.type === 'created' ? 'routed' : r.type, data });
    }
    const answers = (this.answerRows.all(window) as { served_at: string; owner: string; actor_id: string; helpful: number | null }[]).map(
      (r): AnswerFact => ({ servedAt: ms(r.served_at), owner: r.owner, actorId: r.actor_id, helpful: r.helpful === null ? null : r.helpful === 1 }),
    );
    const unanswered = (this.unansweredRows.all(window) as { asked_at: string; department: string | null; actor_id: string }[]).map(
      (r): UnansweredFact => ({ askedAt: ms(r.asked_at), department: r.department ?? undefined, actorId: r.actor_id }),
    );
    return { from: from.getTime(), to: to.getTime(), issues, events, answers, unanswered };
  }
}
