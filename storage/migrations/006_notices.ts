import type { Migration } from './index';

export const m006Notices: Migration = {
  version: 6,
  name: 'issue notifications stored once and rendered at delivery; indexes an issue insert no longer pays for',
  sql: `
    -- A notification about an issue, written in the change's transaction: one row for every platform, and
    -- what to render (the card, the event's line, the requester's message) instead of the rendering. Each
    -- platform copies it into the outbox when it claims work (its own row there carries its status and
    -- retries), so delivery rests on the outbox as before.
    CREATE TABLE issue_notices (
      id          INTEGER PRIMARY KEY,
      created_at  TEXT NOT NULL,
      platforms   TEXT NOT NULL,                 -- comma-separated: the platforms configured when it was written
      target      TEXT NOT NULL,                 -- JSON Target
      anchor      TEXT,
      mode        TEXT NOT NULL,                 -- post | update | thread
      kind        TEXT NOT NULL,                 -- card | line | requester
      issue_id    INTEGER NOT NULL REFERENCES issues (id),
      event_id    INTEGER NOT NULL,
      zone        TEXT NOT NULL                  -- the time zone its times are shown in
    );

    -- How far each platform has copied issue_notices into the outbox.
    CREATE TABLE outbox_fanout (
      platform  TEXT PRIMARY KEY,
      last_id   INTEGER NOT NULL
    ) WITHOUT ROWID;

    ALTER TABLE outbox ADD COLUMN notice_id INTEGER REFERENCES issue_notices (id);
    -- A notice reaches the outbox once per platform, however often or by however many processes it is copied.
    CREATE UNIQUE INDEX outbox_notice ON outbox (notice_id, platform) WHERE notice_id IS NOT NULL;

    -- No query looks issues up by client hash; an index nobody reads only slows every insert.
    DROP INDEX issues_client;
    -- Only assigned issues are looked up by assignee: a new issue (unassigned) no longer writes this index.
    DROP INDEX issues_assignee;
    CREATE INDEX issues_assignee ON issues (assignee, status) WHERE assignee IS NOT NULL;
  `,
};
