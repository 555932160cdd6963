import type { Platform } from '../bot/core/types';
import type { Database } from './database';

export interface Anchor {
  channel: string;
  messageId: string;
}

/** Where an anchored message (an issue's card) was posted, per platform and destination. */
export class AnchorRepository {
  private readonly get;
  private readonly put;

  constructor(db: Database) {
    this.get = db.prepare(
      'SELECT channel, message_id AS messageId FROM message_anchors WHERE anchor = ? AND platform = ? AND destination = ?',
    );
    this.put = db.prepare(
      `INSERT INTO message_anchors (anchor, platform, destination, channel, message_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (anchor, platform, destination) DO UPDATE SET channel = excluded.channel, message_id = excluded.message_id,
         updated_at = excluded.updated_at`,
    );
  }

  find(anchor: string, platform: Platform, destination: string): Anchor | undefined {
    return this.get.get(anchor, platform, destination) as Anchor | undefined;
  }

  save(anchor: string, platform: Platform, destination: string, value: Anchor, at: Date): void {
    this.put.run(anchor, platform, destination, value.channel, value.messageId, at.toISOString());
  }
}
