import type { Locale } from '../bot/core/types';
import type { Database } from './database';

export interface UserPrefs {
  locale?: Locale;
  reminders: boolean;
}

/** Per-person settings chosen in chat (language, reminders). */
export class PrefsRepository {
  private readonly get;
  private readonly upsertLocale;
  private readonly upsertReminders;

  constructor(db: Database) {
    this.get = db.prepare('SELECT locale, reminders FROM user_prefs WHERE actor_id = ?');
    this.upsertLocale = db.prepare(
      `INSERT INTO user_prefs (actor_id, locale, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (actor_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at`,
    );
    this.upsertReminders = db.prepare(
      `INSERT INTO user_prefs (actor_id, reminders, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (actor_id) DO UPDATE SET reminders = excluded.reminders, updated_at = excluded.updated_at`,
    );
  }

  of(actorId: string): UserPrefs {
    const row = this.get.get(actorId) as { locale: Locale | null; reminders: number } | undefined;
    return { locale: row?.locale ?? undefined, reminders: row ? row.reminders === 1 : true };
  }

  setLocale(actorId: string, locale: Locale, at: Date): void {
    this.upsertLocale.run(actorId, locale, at.toISOString());
  }

  setReminders(actorId: string, on: boolean, at: Date): void {
    this.upsertReminders.run(actorId, on ? 1 : 0, at.toISOString());
  }
}
