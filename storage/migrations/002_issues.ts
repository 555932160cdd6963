import type { Migration } from './index';

export const m002Issues: Migration = {
  version: 2,
  name: 'client issues, their append-only audit log, the outbox and message anchors',
  sql: `
    CREATE TABLE issue_counters (
      year  INTEGER PRIMARY KEY,
      last  INTEGER NOT NULL
    );

    CREATE TABLE issues (
      id                  INTEGER PRIMARY KEY,
      number              TEXT NOT NULL UNIQUE,          -- CL-2026-000123
      client              TEXT NOT NULL,                 -- masked name or reference
      client_hash         TEXT,                          -- keyed hash of the normalised reference
      vip                 INTEGER NOT NULL DEFAULT 0,
      category            TEXT NOT NULL,
      channel             TEXT NOT NULL,                 -- branch, phone, online, ...
      branch              TEXT,
      description         TEXT NOT NULL,                 -- masked
      priority            TEXT NOT NULL,
      status              TEXT NOT NULL,
      department          TEXT NOT NULL,
      assignee            TEXT,
      requester           TEXT NOT NULL,
      requester_platform  TEXT NOT NULL,
      route_reason        TEXT NOT NULL,                 -- JSON {ru, en}
      created_at          TEXT NOT NULL,
      first_response_at   TEXT,
      first_response_due  TEXT NOT NULL,
      due_at              TEXT NOT NULL,
      regulatory          INTEGER NOT NULL DEFAULT 0,    -- the 15-working-day complaint clock
      extended            INTEGER NOT NULL DEFAULT 0,
      paused_since        TEXT,
      paused_hours        REAL NOT NULL DEFAULT 0,
      resolution          TEXT,
      satisfaction        INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
      resolved_at         TEXT,
      closed_at           TEXT,
      reopened            INTEGER NOT NULL DEFAULT 0,
      handoffs            INTEGER NOT NULL DEFAULT 0,
      entries             TEXT NOT NULL DEFAULT '[]',    -- JSON list of knowledge entry ids
      source_event        TEXT UNIQUE,                   -- platform:event id that created it
      version             INTEGER NOT NULL DEFAULT 1,
      updated_at          TEXT NOT NULL
    );
    CREATE INDEX issues_department_status ON issues (department, status, due_at);
    CREATE INDEX issues_assignee ON issues (assignee, status);
    CREATE INDEX issues_requester ON issues (requester, status);
    CREATE INDEX issues_client ON issues (client_hash);

    CREATE TABLE issue_events (
      id        INTEGER PRIMARY KEY,
      issue_id  INTEGER NOT NULL REFERENCES issues (id),
      at        TEXT NOT NULL,
      actor     TEXT NOT NULL,
      platform  TEXT NOT NULL,
      type      TEXT NOT NULL,
      data      TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX issue_events_issue ON issue_events (issue_id, id);
    CREATE INDEX issue_events_type_at ON issue_events (type, at);
    -- The audit log is append-only: nothing updates or deletes an event.
    CREATE TRIGGER issue_events_no_update BEFORE UPDATE ON issue_events
      BEGIN SELECT RAISE(ABORT, 'issue_events is append-only'); END;
    CREATE TRIGGER issue_events_no_delete BEFORE DELETE ON issue_events
      BEGIN SELECT RAISE(ABORT, 'issue_events is append-only'); END;

    -- Messages the bot sends on its own, one row per platform, written in the same transaction as the change.
    CREATE TABLE outbox (
      id               INTEGER PRIMARY KEY,
      created_at       TEXT NOT NULL,
      platform         TEXT NOT NULL,
      target           TEXT NOT NULL,                  -- JSON Target
      payload          TEXT NOT NULL,                  -- JSON { ru: Reply, en: Reply }
      anchor           TEXT,
      mode             TEXT NOT NULL DEFAULT 'post',   -- post | update | thread
      status           TEXT NOT NULL DEFAULT 'pending',-- pending | sending | sent | skipped | failed
      attempts         INTEGER NOT NULL DEFAULT 0,
      next_attempt_at  TEXT NOT NULL,
      claimed_until    TEXT,
      last_error       TEXT,
      sent_at          TEXT
    );
    CREATE INDEX outbox_due ON outbox (platform, status, next_attempt_at);

    -- Where an anchored message was posted on each platform, so later changes edit it or answer in its thread.
    CREATE TABLE message_anchors (
      anchor      TEXT NOT NULL,
      platform    TEXT NOT NULL,
      destination TEXT NOT NULL,
      channel     TEXT NOT NULL,
      message_id  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      PRIMARY KEY (anchor, platform, destination)
    ) WITHOUT ROWID;
  `,
};
