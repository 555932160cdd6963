import type { Migration } from './index';

export const m003Teams: Migration = {
  version: 3,
  name: 'Teams conversation references: people, channels and the departments channels serve',
  sql: `
    -- Everyone the Teams bot met, by Azure AD object id; the personal chat once there is one.
    CREATE TABLE teams_people (
      aad_object_id             TEXT PRIMARY KEY,
      user_id                   TEXT NOT NULL,      -- 29:…, to open a personal chat
      name                      TEXT,
      email                     TEXT,               -- from the team roster, lower case
      email_checked_at          TEXT,
      tenant_id                 TEXT,
      service_url               TEXT NOT NULL,
      personal_conversation_id  TEXT,
      personal_reference        TEXT,               -- JSON conversation reference
      updated_at                TEXT NOT NULL
    );
    CREATE INDEX teams_people_email ON teams_people (email);
    CREATE INDEX teams_people_conversation ON teams_people (personal_conversation_id);

    -- Team channels and group chats the bot was added to or spoken to in.
    CREATE TABLE teams_channels (
      channel_id     TEXT PRIMARY KEY,              -- 19:…@thread.tacv2, or a group chat id
      team_id        TEXT,
      kind           TEXT NOT NULL,                 -- channel | groupChat
      service_url    TEXT NOT NULL,
      tenant_id      TEXT,
      reference      TEXT NOT NULL,                 -- JSON conversation reference
      department     TEXT,                          -- tied by 'teams register'
      registered_by  TEXT,
      registered_at  TEXT,
      updated_at     TEXT NOT NULL
    );
    -- A department has at most one registered Teams channel.
    CREATE UNIQUE INDEX teams_channels_department ON teams_channels (department) WHERE department IS NOT NULL;
    CREATE INDEX teams_channels_team ON teams_channels (team_id);
  `,
};
