import type { Migration } from './index';

export const m001Answers: Migration = {
  version: 1,
  name: 'inbound events, answers served, unanswered questions, user preferences',
  sql: `
    -- Every platform event we handled, so a retried delivery does nothing twice.
    CREATE TABLE inbound_events (
      platform   TEXT NOT NULL,
      event_id   TEXT NOT NULL,
      received_at TEXT NOT NULL,
      PRIMARY KEY (platform, event_id)
    ) WITHOUT ROWID;

    -- Every answer served, with the department owning its topic (digests, ratings).
    CREATE TABLE answers_served (
      id          INTEGER PRIMARY KEY,
      served_at   TEXT NOT NULL,
      entry_id    TEXT NOT NULL,
      entry_kind  TEXT NOT NULL,
      owner       TEXT NOT NULL,
      actor_id    TEXT NOT NULL,
      platform    TEXT NOT NULL,
      question    TEXT NOT NULL,            -- masked
      decision    TEXT NOT NULL,            -- answer | pick
      helpful     INTEGER                   -- NULL until rated; 1 helpful, 0 not helpful
    );
    CREATE INDEX answers_served_owner ON answers_served (owner, served_at);

    -- Questions with no approved answer, masked, with the department whose topic they touch when known.
    CREATE TABLE unanswered_questions (
      id          INTEGER PRIMARY KEY,
      asked_at    TEXT NOT NULL,
      question    TEXT NOT NULL,            -- masked
      actor_id    TEXT NOT NULL,
      platform    TEXT NOT NULL,
      department  TEXT,
      best_entry  TEXT
    );
    CREATE INDEX unanswered_department ON unanswered_questions (department, asked_at);

    CREATE TABLE user_prefs (
      actor_id    TEXT PRIMARY KEY,
      locale      TEXT,
      reminders   INTEGER NOT NULL DEFAULT 1,
      updated_at  TEXT NOT NULL
    );
  `,
};
