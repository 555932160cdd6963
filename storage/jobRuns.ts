import type { Database } from './database';

export interface JobRunKey {
  job: string;
  subject: string;
  scheduledFor: Date;
}

export interface JobRun extends JobRunKey {
  ranAt: Date;
  runner: string;
  manual: boolean;
  outcome: Record<string, unknown>;
}

interface JobRunRow {
  job: string;
  subject: string;
  scheduled_for: string;
  ran_at: string;
  runner: string;
  manual: number;
  outcome: string;
}

function toRun(row: JobRunRow): JobRun {
  return {
    job: row.job,
    subject: row.subject,
    scheduledFor: new Date(row.scheduled_for),
    ranAt: new Date(row.ran_at),
    runner: row.runner,
    manual: row.manual === 1,
    outcome: JSON.parse(row.outcome) as Record<string, unknown>,
  };
}

/**
 * Runs of scheduled jobs. A run is claimed by inserting its unique key; the insert that loses (another
 * process, or a run already done before a restart) changes nothing, and its caller does nothing.
 */
export class JobRunRepository {
  private readonly insertClaim;
  private readonly setOutcome;
  private readonly exists;
  private readonly latestRow;
  private readonly recentRows;
  private readonly insertWatch;
  private readonly watchRow;

  constructor(db: Database) {
    this.insertClaim = db.prepare(
      `INSERT INTO job_runs (job, subject, scheduled_for, ran_at, runner, manual)
       VALUES (@job, @subject, @scheduledFor, @ranAt, @runner, @manual)
       ON CONFLICT (job, subject, scheduled_for) DO NOTHING`,
    );
    this.setOutcome = db.prepare('UPDATE job_runs SET outcome = ? WHERE job = ? AND subject = ? AND scheduled_for = ?');
    this.exists = db.prepare('SELECT 1 FROM job_runs WHERE job = ? AND subject = ? AND scheduled_for = ?');
    this.latestRow = db.prepare('SELECT * FROM job_runs WHERE job = ? AND subject = ? ORDER BY ran_at DESC LIMIT 1');
    this.recentRows = db.prepare('SELECT * FROM job_runs WHERE job = ? AND subject = ? ORDER BY ran_at DESC LIMIT ?');
    this.insertWatch = db.prepare('INSERT INTO job_watch (job, subject, since) VALUES (?, ?, ?) ON CONFLICT (job, subject) DO NOTHING');
    this.watchRow = db.prepare('SELECT since FROM job_watch WHERE job = ? AND subject = ?');
  }

  /** True when this call claimed the run; false when it was already claimed. Call inside the run's transaction. */
  claim(key: JobRunKey, ranAt: Date, runner: string, manual = false): boolean {
    return (
      this.insertClaim.run({
        job: key.job,
        subject: key.subject,
        scheduledFor: key.scheduledFor.toISOString(),
        ranAt: ranAt.toISOString(),
        runner,
        manual: manual ? 1 : 0,
      }).changes === 1
    );
  }

  recordOutcome(key: JobRunKey, outcome: Record<string, unknown>): void {
    this.setOutcome.run(JSON.stringify(outcome), key.job, key.subject, key.scheduledFor.toISOString());
  }

  isDone(key: JobRunKey): boolean {
    return this.exists.get(key.job, key.subject, key.scheduledFor.toISOString()) !== undefined;
  }

  /** The most recent run of a job for a subject, scheduled or manual. */
  latest(job: string, subject: string): JobRun | undefined {
    const row = this.latestRow.get(job, subject) as JobRunRow | undefined;
    return row && toRun(row);
  }

  recent(job: string, subject: string, limit = 10): JobRun[] {
    return (this.recentRows.all(job, subject, limit) as JobRunRow[]).map(toRun);
  }

  /** When the scheduler started watching this job for this subject; the first call records `now`. */
  watchedSince(job: string, subject: string, now: Date): Date {
    this.insertWatch.run(job, subject, now.toISOString());
    const row = this.watchRow.get(job, subject) as { since: string };
    return new Date(row.since);
  }
}
