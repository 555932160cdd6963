import type { Migration } from './index';

export const m007Unfinished: Migration = {
  version: 7,
  name: 'what each handled event asked, masked, and when its work finished: requests a crash cut off are told of at the next start',
  sql: `
    -- Filled by the dispatcher for the messages and buttons it runs (other events leave them empty):
    -- who asked, in which language, what (masked: a message's first words, or a button's action id), and
    -- when the work finished. A row without finished_at from before a start was cut off by a crash.
    ALTER TABLE inbound_events ADD COLUMN actor_id TEXT;
    ALTER TABLE inbound_events ADD COLUMN locale TEXT;
    ALTER TABLE inbound_events ADD COLUMN request TEXT;
    ALTER TABLE inbound_events ADD COLUMN finished_at TEXT;
    CREATE INDEX inbound_events_unfinished ON inbound_events (received_at) WHERE actor_id IS NOT NULL AND finished_at IS NULL;
    CREATE INDEX inbound_events_received ON inbound_events (received_at);
  `,
};
