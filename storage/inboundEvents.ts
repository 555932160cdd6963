import type { Database } from './database';

/** Platform event ids already handled: the unique key makes a retried delivery a no-op. */
export class InboundEventRepository {
  private readonly insert;
  private readonly prune;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO inbound_events (platform, event_id, received_at) VALUES (?, ?, ?)');
    this.prune = db.prepare('DELETE FROM inbound_events WHERE received_at < ?');
  }

  /** True the first time this event is seen, false for every retry. */
  firstSeen(platform: string, eventId: string, at: Date): boolean {
    return this.insert.run(platform, eventId, at.toISOString()).changes === 1;
  }

  /** Platforms retry within minutes; a week of ids is plenty. */
  forgetBefore(at: Date): number {
    return this.prune.run(at.toISOString()).changes;
  }
}
