import type { Database } from './database';

export type SuggestionSource = 'pick' | 'retry';
export type SuggestionStatus = 'pending' | 'approved' | 'rejected';

export interface NewSuggestion {
  entryId: string;
  owner: string;
  /** Already masked by the caller. */
  question: string;
  source: SuggestionSource;
  suggestedBy: string;
  suggestedAt: Date;
}

export interface Suggestion {
  id: number;
  entryId: string;
  owner: string;
  question: string;
  source: SuggestionSource;
  suggestedBy: string;
  suggestedAt: string;
  times: number;
  status: SuggestionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
}

const COLUMNS = `id, entry_id AS entryId, owner, question, source, suggested_by AS suggestedBy, suggested_at AS suggestedAt,
  times, status, decided_by AS decidedBy, decided_at AS decidedAt`;

/** Phrasings suggested by use, waiting for the owning department's decision. */
export class SuggestionRepository {
  private readonly upsert;
  private readonly byId;
  private readonly pendingFor;
  private readonly pendingAll;
  private readonly decideStmt;
  private readonly lastNotHelpful;

  constructor(db: Database) {
    // The same question for the same entry is one suggestion, counted; a decided one stays decided.
    this.upsert = db.prepare(
      `INSERT INTO phrasing_suggestions (entry_id, owner, question, source, suggested_by, suggested_at)
       VALUES (@entryId, @owner, @question, @source, @suggestedBy, @suggestedAt)
       ON CONFLICT (entry_id, question) DO UPDATE SET times = times + 1
       RETURNING id, status`,
    );
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM phrasing_suggestions WHERE id = ?`);
    this.pendingFor = db.prepare(
      `SELECT ${COLUMNS} FROM phrasing_suggestions
       WHERE status = 'pending' AND owner IN (SELECT value FROM json_each(?))
       ORDER BY times DESC, suggested_at, id LIMIT ?`,
    );
    this.pendingAll = db.prepare(
      `SELECT ${COLUMNS} FROM phrasing_suggestions WHERE status = 'pending' ORDER BY times DESC, suggested_at, id LIMIT ?`,
    );
    this.decideStmt = db.prepare(
      `UPDATE phrasing_suggestions SET status = @status, decided_by = @by, decided_at = @at
       WHERE id = @id AND status = 'pending'`,
    );
    // Reads the answer log: "asked again after 'not helpful'" is a fact about two served answers.
    this.lastNotHelpful = db.prepare(
      `SELECT id, entry_id AS entryId, question FROM answers_served
       WHERE actor_id = ? AND helpful = 0 AND id < ? AND served_at >= ?
       ORDER BY id DESC LIMIT 1`,
    );
  }

  /** Records a suggestion (or counts it again); returns its id and status. */
  suggest(s: NewSuggestion): { id: number; status: SuggestionStatus } {
    return this.upsert.get({ ...s, suggestedAt: s.suggestedAt.toISOString() }) as { id: number; status: SuggestionStatus };
  }

  get(id: number): Suggestion | undefined {
    return this.byId.get(id) as Suggestion | undefined;
  }

  /** Pending suggestions for these departments' entries (`'all'`: every department), most asked first. */
  pending(owners: readonly string[] | 'all', limit = 20): Suggestion[] {
    if (owners === 'all') return this.pendingAll.all(limit) as Suggestion[];
    return this.pendingFor.all(JSON.stringify(owners), limit) as Suggestion[];
  }

  /** Approves or rejects a pending suggestion; false when it was already decided (or never existed). */
  decide(id: number, status: 'approved' | 'rejected', by: string, at: Date): boolean {
    return this.decideStmt.run({ id, status, by, at: at.toISOString() }).changes === 1;
  }

  /** The same person's latest answer rated "not helpful" before served answer `beforeId`, since `since`. */
  previousNotHelpful(actorId: string, beforeId: number, since: Date): { id: number; entryId: string; question: string } | undefined {
    return this.lastNotHelpful.get(actorId, beforeId, since.toISOString()) as never;
  }
}
