import type { Notification, Platform, Reply, Target } from '../bot/core/types';
import type { Database } from './database';

export interface OutboxItem {
  id: number;
  createdAt: string;
  platform: Platform;
  target: Target;
  payload: { ru: Reply; en: Reply };
  anchor?: string;
  mode: 'post' | 'update' | 'thread';
  attempts: number;
}

interface OutboxRow {
  id: number;
  created_at: string;
  platform: Platform;
  target: string;
  payload: string;
  anchor: string | null;
  mode: OutboxItem['mode'];
  attempts: number;
}

function toItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    createdAt: row.created_at,
    platform: row.platform,
    target: JSON.parse(row.target) as Target,
    payload: JSON.parse(row.payload) as OutboxItem['payload'],
    anchor: row.anchor ?? undefined,
    mode: row.mode,
    attempts: row.attempts,
  };
}

/**
 * Messages waiting to be delivered. Written in the caller's transaction; claimed with one atomic UPDATE
 * so two bot processes never send the same row, and a crashed sender's claim expires and is retried.
 */
export class OutboxRepository {
  private readonly insert;
  private readonly claim;
  private readonly sent;
  private readonly skipped;
  private readonly retry;
  private readonly failed;
  private readonly countByStatus;
  private readonly recent;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO outbox (created_at, platform, target, payload, anchor, mode, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.claim = db.prepare(
      `UPDATE outbox SET status = 'sending', claimed_until = @until, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox
         WHERE platform = @platform
           AND ((status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND claimed_until < @now))
         ORDER BY id LIMIT @limit)
       RETURNING id, created_at, platform, target, payload, anchor, mode, attempts`,
    );
    this.sent = db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, claimed_until = NULL WHERE id = ?`);
    this.skipped = db.prepare(`UPDATE outbox SET status = 'skipped', last_error = ?, claimed_until = NULL WHERE id = ?`);
    this.retry = db.prepare(
      `UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, claimed_until = NULL WHERE id = ?`,
    );
    this.failed = db.prepare(`UPDATE outbox SET status = 'failed', last_error = ?, claimed_until = NULL WHERE id = ?`);
    this.countByStatus = db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status');
    this.recent = db.prepare(
      `SELECT id, created_at, platform, target, payload, anchor, mode, attempts FROM outbox
       WHERE platform = ? ORDER BY id DESC LIMIT ?`,
    );
  }

  /** One row per platform: each platform delivers (and retries) on its own. Call inside the change's transaction. */
  enqueue(notification: Notification, platforms: readonly Platform[], at: Date): number[] {
    const ids: number[] = [];
    for (const platform of platforms) {
      const result = this.insert.run(
        at.toISOString(),
        platform,
        JSON.stringify(notification.target),
        JSON.stringify(notification.reply),
        notification.anchor ?? null,
        notification.mode ?? 'post',
        at.toISOString(),
      );
      ids.push(Number(result.lastInsertRowid));
    }
    return ids;
  }

  claimDue(platform: Platform, now: Date, limit: number, leaseMs: number): OutboxItem[] {
    const rows = this.claim.all({
      platform,
      now: now.toISOString(),
      until: new Date(now.getTime() + leaseMs).toISOString(),
      limit,
    }) as OutboxRow[];
    return rows.map(toItem).sort((a, b) => a.id - b.id);
  }

  markSent(id: number, at: Date): void {
    this.sent.run(at.toISOString(), id);
  }
  markSkipped(id: number, reason: string): void {
    this.skipped.run(reason, id);
  }
  retryAt(id: number, at: Date, error: string): void {
    this.retry.run(at.toISOString(), error, id);
  }
  markFailed(id: number, error: string): void {
    this.failed.run(error, id);
  }

  counts(): Record<string, number> {
    const rows = this.countByStatus.all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  latest(platform: Platform, limit = 20): OutboxItem[] {
    return (this.recent.all(platform, limit) as OutboxRow[]).map(toItem);
  }
}
