import type { Locale, Platform } from '../bot/core/types';
import type { Database } from './database';

/** A request the dispatcher began and never finished: the process stopped in between. */
export interface UnfinishedRequest {
  platform: Platform;
  eventId: string;
  receivedAt: string;
  actorId: string;
  locale: Locale;
  /** Masked: a message's first words, or a button's action id. */
  request: string;
}

interface UnfinishedRow {
  platform: Platform;
  event_id: string;
  received_at: string;
  actor_id: string;
  locale: Locale;
  request: string;
}

/**
 * Platform event ids already handled: the unique key makes a retried delivery a no-op. For the requests
 * the dispatcher runs, also who asked and what (masked) and when the work finished, so that a request cut
 * off by a crash after the platform's ack, which the platform will not send again, is not silently lost.
 */
export class InboundEventRepository {
  private readonly insert;
  private readonly insertRequest;
  private readonly markFinished;
  private readonly selectUnfinished;
  private readonly prune;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO inbound_events (platform, event_id, received_at) VALUES (?, ?, ?)');
    this.insertRequest = db.prepare(
      'INSERT OR IGNORE INTO inbound_events (platform, event_id, received_at, actor_id, locale, request) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.markFinished = db.prepare('UPDATE inbound_events SET finished_at = ? WHERE platform = ? AND event_id = ?');
    this.selectUnfinished = db.prepare(
      `SELECT platform, event_id, received_at, actor_id, locale, request FROM inbound_events
        WHERE actor_id IS NOT NULL AND finished_at IS NULL AND received_at < ? ORDER BY received_at, event_id`,
    );
    this.prune = db.prepare('DELETE FROM inbound_events WHERE received_at < ?');
  }

  /** True the first time this event is seen, false for every retry. */
  firstSeen(platform: string, eventId: string, at: Date): boolean {
    return this.insert.run(platform, eventId, at.toISOString()).changes === 1;
  }

  /** `firstSeen` for a request the dispatcher is about to run; `request` must already be masked. */
  begin(request: Omit<UnfinishedRequest, 'receivedAt'>, at: Date): boolean {
    const { platform, eventId, actorId, locale } = request;
    return this.insertRequest.run(platform, eventId, at.toISOString(), actorId, locale, request.request).changes === 1;
  }

  finish(platform: string, eventId: string, at: Date): void {
    this.markFinished.run(at.toISOString(), platform, eventId);
  }

  /** Requests begun before `before` and never finished. */
  unfinishedBefore(before: Date): UnfinishedRequest[] {
    return (this.selectUnfinished.all(before.toISOString()) as UnfinishedRow[]).map((r) => ({
      platform: r.platform,
      eventId: r.event_id,
      receivedAt: r.received_at,
      actorId: r.actor_id,
      locale: r.locale,
      request: r.request,
    }));
  }

  /** Platforms retry within minutes; a week of ids is plenty. */
  forgetBefore(at: Date): number {
    return this.prune.run(at.toISOString()).changes;
  }
}
