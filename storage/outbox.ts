import type { Issue, IssueEvent, IssueNotice, IssueNoticeKind } from '../bot/core/issues/model';
import type { Notification, Platform, Reply, Target } from '../bot/core/types';
import type { Database } from './database';
import type { IssueEventRepository } from './issueEvents';
import type { IssueRepository } from './issues';

interface OutboxItemBase {
  id: number;
  createdAt: string;
  platform: Platform;
  target: Target;
  anchor?: string;
  mode: 'post' | 'update' | 'thread';
  attempts: number;
}

/** A message rendered when it was written (digests, reports, reminders), in both languages. */
export interface OutboxItem extends OutboxItemBase {
  payload: { ru: Reply; en: Reply };
}

/** A notification about an issue, to be rendered now: the issue as it is, and the event it is about. */
export interface NoticeItem extends OutboxItemBase {
  notice: { kind: IssueNoticeKind; zone: string; issue: Issue | undefined; event: IssueEvent | undefined };
}

/** What a deliverer is handed: a rendered message, or a notice it renders first. */
export type ClaimedItem = OutboxItem | NoticeItem;

/** A notification about an issue as the issue desk writes it. */
export interface IssueNotification {
  target: Target;
  anchor?: string;
  mode: 'post' | 'update' | 'thread';
  notice: IssueNotice;
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
  notice_id: number | null;
}

interface NoticeRow {
  kind: IssueNoticeKind;
  issue_id: number;
  event_id: number;
  zone: string;
}

const RETURNED = 'id, created_at, platform, target, payload, anchor, mode, attempts, notice_id';

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
 *
 * Notifications about issues are written once (`notify`, one small row for every platform) and copied
 * into the outbox, one row per platform, when that platform claims work: from then on each platform's
 * row has its own status and retries. The copy and the platform's cursor move in one transaction, and a
 * unique key on (notice, platform) makes a second copy impossible.
 */
export class OutboxRepository {
  private readonly insert;
  private readonly insertNotice;
  private readonly newestNotice;
  private readonly cursorOf;
  private readonly copyNotices;
  private readonly moveCursor;
  private readonly noticeById;
  private readonly claim;
  private readonly sent;
  private readonly skipped;
  private readonly retry;
  private readonly failed;
  private readonly countByStatus;
  private readonly recent;

  constructor(
    private readonly db: Database,
    private readonly issues: IssueRepository,
    private readonly issueEvents: IssueEventRepository,
  ) {
    this.insert = db.prepare(
      `INSERT INTO outbox (created_at, platform, target, payload, anchor, mode, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertNotice = db.prepare(
      `INSERT INTO issue_notices (created_at, platforms, target, anchor, mode, kind, issue_id, event_id, zone)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.newestNotice = db.prepare('SELECT MAX(id) AS id FROM issue_notices').pluck();
    this.cursorOf = db.prepare('SELECT last_id FROM outbox_fanout WHERE platform = ?').pluck();
    // WHERE is required before ON CONFLICT in INSERT … SELECT (SQLite's parser).
    this.copyNotices = db.prepare(
      `INSERT INTO outbox (created_at, platform, target, payload, anchor, mode, next_attempt_at, notice_id)
       SELECT created_at, @platform, target, 'null', anchor, mode, created_at, id FROM issue_notices
       WHERE id > @after AND id <= @upTo AND instr(',' || platforms || ',', @tag) > 0
       ORDER BY id
       ON CONFLICT DO NOTHING`,
    );
    this.moveCursor = db.prepare(
      `INSERT INTO outbox_fanout (platform, last_id) VALUES (?, ?)
       ON CONFLICT (platform) DO UPDATE SET last_id = excluded.last_id`,
    );
    this.noticeById = db.prepare('SELECT kind, issue_id, event_id, zone FROM issue_notices WHERE id = ?');
    this.claim = db.prepare(
      `UPDATE outbox SET status = 'sending', claimed_until = @until, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox
         WHERE platform = @platform
           AND ((status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND claimed_until < @now))
         ORDER BY id LIMIT @limit)
       RETURNING ${RETURNED}`,
    );
    this.sent = db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, claimed_until = NULL WHERE id = ?`);
    this.skipped = db.prepare(`UPDATE outbox SET status = 'skipped', last_error = ?, claimed_until = NULL WHERE id = ?`);
    this.retry = db.prepare(
      `UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, claimed_until = NULL WHERE id = ?`,
    );
    this.failed = db.prepare(`UPDATE outbox SET status = 'failed', last_error = ?, claimed_until = NULL WHERE id = ?`);
    this.countByStatus = db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status');
    this.recent = db.prepare(
      `SELECT ${RETURNED} FROM outbox WHERE platform = ? AND notice_id IS NULL ORDER BY id DESC LIMIT ?`,
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

  /** One row for all platforms, rendered when delivered. Call inside the change's transaction. */
  notify(notification: IssueNotification, platforms: readonly Platform[], at: string): number {
    const { notice } = notification;
    const result = this.insertNotice.run(
      at,
      platforms.join(','),
      JSON.stringify(notification.target),
      notification.anchor ?? null,
      notification.mode,
      notice.kind,
      notice.issueId,
      notice.eventId,
      notice.zone,
    );
    return Number(result.lastInsertRowid);
  }

  claimDue(platform: Platform, now: Date, limit: number, leaseMs: number): ClaimedItem[] {
    this.copyNewNotices(platform);
    const rows = this.claim.all({
      platform,
      now: now.toISOString(),
      until: new Date(now.getTime() + leaseMs).toISOString(),
      limit,
    }) as OutboxRow[];
    return rows.sort((a, b) => a.id - b.id).map((row) => this.claimed(row));
  }

  /** Copies the notices written since this platform last looked into the outbox, in their order. */
  private copyNewNotices(platform: Platform): void {
    const newest = (this.newestNotice.get() as number | null) ?? 0;
    // A cheap read first: most polls find nothing new and should not take the write lock.
    if (newest <= ((this.cursorOf.get(platform) as number | undefined) ?? 0)) return;
    this.db
      .transaction(() => {
        const after = (this.cursorOf.get(platform) as number | undefined) ?? 0;
        const upTo = (this.newestNotice.get() as number | null) ?? 0;
        if (upTo <= after) return;
        this.copyNotices.run({ platform, after, upTo, tag: `,${platform},` });
        this.moveCursor.run(platform, upTo);
      })
      .immediate();
  }

  private claimed(row: OutboxRow): ClaimedItem {
    if (row.notice_id === null) return toItem(row);
    const notice = this.noticeById.get(row.notice_id) as NoticeRow | undefined;
    const base: OutboxItemBase = {
      id: row.id,
      createdAt: row.created_at,
      platform: row.platform,
      target: JSON.parse(row.target) as Target,
      anchor: row.anchor ?? undefined,
      mode: row.mode,
      attempts: row.attempts,
    };
    return {
      ...base,
      notice: {
        kind: notice?.kind ?? 'card',
        zone: notice?.zone ?? 'UTC',
        issue: notice && this.issues.byId(notice.issue_id),
        event: notice && this.issueEvents.byId(notice.event_id),
      },
    };
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

  /** The latest messages rendered when written (notices about issues are rendered only when delivered). */
  latest(platform: Platform, limit = 20): OutboxItem[] {
    return (this.recent.all(platform, limit) as OutboxRow[]).map(toItem);
  }
}
