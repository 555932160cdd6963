import type { Migration } from './index';

export const m005Suggestions: Migration = {
  version: 5,
  name: 'suggested phrasings learned from use',
  sql: `
    -- A question staff asked (masked) that led to an entry: picked from "did you mean", or accepted after
    -- "not helpful". The entry's owner department approves it as a phrasing or rejects it.
    CREATE TABLE phrasing_suggestions (
      id            INTEGER PRIMARY KEY,
      entry_id      TEXT NOT NULL,
      owner         TEXT NOT NULL,            -- the entry's department when suggested
      question      TEXT NOT NULL,            -- masked
      source        TEXT NOT NULL,            -- pick | retry
      suggested_by  TEXT NOT NULL,
      suggested_at  TEXT NOT NULL,
      times         INTEGER NOT NULL DEFAULT 1, -- how often staff led this question to this entry
      status        TEXT NOT NULL DEFAULT 'pending', -- pending | approved | rejected
      decided_by    TEXT,
      decided_at    TEXT,
      UNIQUE (entry_id, question)
    );
    CREATE INDEX phrasing_suggestions_owner ON phrasing_suggestions (owner, status, suggested_at);
  `,
};
