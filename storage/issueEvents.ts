import type { IssueEvent, IssueEventType } from '../bot/core/issues/model';
import type { Platform } from '../bot/core/types';
import type { Database } from './database';

interface EventRow {
  id: number;
  issue_id: number;
  at: string;
  actor: string;
  platform: IssueEvent['platform'];
  type: IssueEventType;
  data: string;
}

/** The append-only audit log of issues; the database refuses updates and deletes (triggers). */
export class IssueEventRepository {
  private readonly insert;
  private readonly forIssue;
  private readonly one;
  private readonly ofTypeSince;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO issue_events (issue_id, at, actor, platform, type, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.forIssue = db.prepare('SELECT * FROM issue_events WHERE issue_id = ? ORDER BY id');
    this.one = db.prepare('SELECT * FROM issue_events WHERE id = ?');
    this.ofTypeSince = db.prepare('SELECT * FROM issue_events WHERE type = ? AND at >= ? AND at < ? ORDER BY id');
  }

  append(issueId: number, at: Date, actor: string, platform: Platform | 'system', type: IssueEventType, data: Record<string, unknown> = {}): number {
    return Number(this.insert.run(issueId, at.toISOString(), actor, platform, type, JSON.stringify(data)).lastInsertRowid);
  }

  byId(id: number): IssueEvent | undefined {
    const row = this.one.get(id) as EventRow | undefined;
    return row && toEvent(row);
  }

  history(issueId: number): IssueEvent[] {
    return (this.forIssue.all(issueId) as EventRow[]).map(toEvent);
  }

  ofType(type: IssueEventType, from: Date, to: Date): IssueEvent[] {
    return (this.ofTypeSince.all(type, from.toISOString(), to.toISOString()) as EventRow[]).map(toEvent);
  }
}

function toEvent(r: EventRow): IssueEvent {
  return { id: r.id, issueId: r.issue_id, at: r.at, actor: r.actor, platform: r.platform, type: r.type, data: JSON.parse(r.data) };
}
