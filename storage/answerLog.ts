import type { Database } from './database';

export interface ServedAnswer {
  servedAt: Date;
  entryId: string;
  entryKind: string;
  owner: string;
  actorId: string;
  platform: string;
  /** Already masked by the caller. */
  question: string;
  decision: 'answer' | 'pick';
}

export interface UnansweredQuestion {
  askedAt: Date;
  question: string;
  actorId: string;
  platform: string;
  department?: string;
  bestEntry?: string;
}

export interface UnansweredRow {
  id: number;
  askedAt: string;
  question: string;
  department: string | null;
  bestEntry: string | null;
}

/** Answers served and questions left unanswered: the evidence behind digests, suggestions and ratings. */
export class AnswerLogRepository {
  private readonly insertServed;
  private readonly rateServed;
  private readonly getServed;
  private readonly insertUnanswered;
  private readonly unansweredSince;

  constructor(db: Database) {
    this.insertServed = db.prepare(
      `INSERT INTO answers_served (served_at, entry_id, entry_kind, owner, actor_id, platform, question, decision)
       VALUES (@servedAt, @entryId, @entryKind, @owner, @actorId, @platform, @question, @decision)`,
    );
    this.rateServed = db.prepare('UPDATE answers_served SET helpful = ? WHERE id = ?');
    this.getServed = db.prepare('SELECT id, entry_id AS entryId, actor_id AS actorId, question, helpful FROM answers_served WHERE id = ?');
    this.insertUnanswered = db.prepare(
      `INSERT INTO unanswered_questions (asked_at, question, actor_id, platform, department, best_entry)
       VALUES (@askedAt, @question, @actorId, @platform, @department, @bestEntry)`,
    );
    this.unansweredSince = db.prepare(
      `SELECT id, asked_at AS askedAt, question, department, best_entry AS bestEntry
       FROM unanswered_questions WHERE department = ? AND asked_at >= ? ORDER BY asked_at DESC LIMIT ?`,
    );
  }

  logServed(a: ServedAnswer): number {
    return Number(this.insertServed.run({ ...a, servedAt: a.servedAt.toISOString() }).lastInsertRowid);
  }

  served(id: number): { id: number; entryId: string; actorId: string; question: string; helpful: number | null } | undefined {
    return this.getServed.get(id) as never;
  }

  rate(id: number, helpful: boolean): boolean {
    return this.rateServed.run(helpful ? 1 : 0, id).changes === 1;
  }

  logUnanswered(q: UnansweredQuestion): number {
    return Number(
      this.insertUnanswered.run({
        ...q,
        askedAt: q.askedAt.toISOString(),
        department: q.department ?? null,
        bestEntry: q.bestEntry ?? null,
      }).lastInsertRowid,
    );
  }

  unansweredFor(department: string, since: Date, limit = 50): UnansweredRow[] {
    return this.unansweredSince.all(department, since.toISOString(), limit) as UnansweredRow[];
  }
}
