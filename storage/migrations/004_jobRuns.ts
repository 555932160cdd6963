import type { Migration } from './index';

export const m004JobRuns: Migration = {
  version: 4,
  name: 'scheduled job runs (digests, reminders, escalation, reports) under a unique key',
  sql: `
    -- One row per run of a scheduled job for one subject (a department, the bank) at one scheduled time.
    -- The primary key is the claim: whoever inserts it first does the run, in the same transaction.
    CREATE TABLE job_runs (
      job            TEXT NOT NULL,                  -- digest | reminders | escalation | ...
      subject        TEXT NOT NULL,                  -- department id, or 'bank'
      scheduled_for  TEXT NOT NULL,                  -- ISO instant of the occurrence (or of a manual send)
      ran_at         TEXT NOT NULL,
      runner         TEXT NOT NULL,                  -- which process ran it (host:pid), for the operator
      manual         INTEGER NOT NULL DEFAULT 0,     -- sent by a command, not by the schedule
      outcome        TEXT NOT NULL DEFAULT '{}',     -- JSON summary: messages sent, skipped, ...
      PRIMARY KEY (job, subject, scheduled_for)
    ) WITHOUT ROWID;
    CREATE INDEX job_runs_latest ON job_runs (job, subject, ran_at);

    -- When the scheduler first saw a job for a subject: occurrences before it are not caught up, so a
    -- fresh install or a newly added department does not receive a backdated run.
    CREATE TABLE job_watch (
      job      TEXT NOT NULL,
      subject  TEXT NOT NULL,
      since    TEXT NOT NULL,
      PRIMARY KEY (job, subject)
    ) WITHOUT ROWID;
  `,
};
