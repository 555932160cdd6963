import { hostname } from 'node:os';
import type { KnowledgeBase } from '../../../knowledge/model';
import type { JobRun } from '../../../storage/jobRuns';
import type { Stores } from '../../../storage/stores';
import type { CoreSettings } from '../command';
import { workingCalendarOf } from '../issues/sla';
import type { Logger } from '../logger';
import type { Clock } from '../types';
import type { WorkingCalendar } from '../workingTime';
import { latestOccurrence, type Schedule } from './schedule';

/** One subject a job runs for (a department, or the whole bank) and when. */
export interface JobSchedule {
  subject: string;
  schedule: Schedule;
}

export interface SchedulerDeps {
  knowledge: () => KnowledgeBase;
  stores: Stores;
  log: Logger;
  settings: CoreSettings;
}

/** What a job's run gets. It runs inside the transaction that claimed it. */
export interface JobContext extends SchedulerDeps {
  kb: KnowledgeBase;
  calendar: WorkingCalendar;
  job: string;
  subject: string;
  /** The occurrence this run is for. */
  scheduledFor: Date;
  /** The tick's time; later than `scheduledFor` when the run catches up after downtime. */
  now: Date;
  /** The previous run of this job for this subject (scheduled or manual), if any. */
  previous?: JobRun;
}

/**
 * A job the scheduler runs. `run` must only write through `stores` (the outbox, audit events): it runs in
 * the claim's transaction, so either the claim and every message it enqueues commit, or none do.
 */
export interface ScheduledJob<Prepared = undefined> {
  name: string;
  /** Read from the current knowledge base on every tick, so an edited schedule applies at once. */
  schedules(kb: KnowledgeBase, settings: CoreSettings): JobSchedule[];
  /**
   * Heavy reading before the claim's transaction (a sweep over every open issue), so the write lock is
   * held only for the claim and the writes. `run` re-checks what it relies on; if another process claims
   * the run meanwhile, the reading was merely wasted.
   */
  prepare?(ctx: JobContext): Prepared;
  /** Returns a short summary stored with the run (`{ messages: 3 }`). */
  run(ctx: JobContext, prepared: Prepared): Record<string, unknown>;
}

export interface TickResult {
  /** `job/subject@scheduledFor` of every run this tick did. */
  ran: string[];
  /** Runs another process claimed between our check and our claim (two bots on one database). */
  lost: string[];
  failed: string[];
}

/** Identifies this process in `job_runs.runner`, for an operator asking who sent a digest. */
const RUNNER = `${hostname()}:${process.pid}`;

/**
 * Runs scheduled jobs exactly once per occurrence across restarts and processes. Each tick looks at the
 * latest occurrence of every job and subject; a run is claimed by inserting its unique key in the same
 * transaction that enqueues its messages. A restart finds the key and does nothing; a second process's
 * insert conflicts and it does nothing; a bot that was down does the latest missed occurrence once.
 */
export class Scheduler {
  // biome-ignore lint/suspicious/noExplicitAny: each job's prepared data is its own business.
  private readonly jobs: ScheduledJob<any>[] = [];
  private readonly reported = new Set<string>();
  /** `job_watch` rows never change once written: remembered, so a tick that finds nothing due writes nothing. */
  private readonly watched = new Map<string, Date>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly deps: SchedulerDeps,
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    jobs: ScheduledJob<any>[] = [],
    private readonly runner = RUNNER,
  ) {
    for (const job of jobs) this.register(job);
  }

  /** Adds a job (e.g. the committee's monthly report). Names are run keys: they must stay stable. */
  register<Prepared>(job: ScheduledJob<Prepared>): void {
    if (this.jobs.some((j) => j.name === job.name)) throw new Error(`scheduled job "${job.name}" is registered twice`);
    this.jobs.push(job as ScheduledJob<unknown>);
  }

  get jobNames(): string[] {
    return this.jobs.map((j) => j.name);
  }

  /** Does every run that is due at `now`. Synchronous: SQLite transactions are. */
  tick(now: Date): TickResult {
    const result: TickResult = { ran: [], lost: [], failed: [] };
    const kb = this.deps.knowledge();
    const calendar = workingCalendarOf(kb, this.deps.log);
    for (const job of this.jobs) {
      let schedules: JobSchedule[];
      try {
        schedules = job.schedules(kb, this.deps.settings);
      } catch (error) {
        this.reportOnce(`${job.name}:schedules`, 'scheduler.bad_schedules', { job: job.name, error });
        continue;
      }
      for (const { subject, schedule } of schedules) {
        const label = `${job.name}/${subject}`;
        try {
          const outcome = this.runDue(job, subject, schedule, now, kb, calendar);
          if (outcome) (outcome.claimed ? result.ran : result.lost).push(`${label}@${outcome.scheduledFor.toISOString()}`);
        } catch (error) {
          result.failed.push(label);
          this.reportOnce(`${label}:${error instanceof Error ? error.message : String(error)}`, 'scheduler.run_failed', {
            job: job.name,
            subject,
            error,
          });
        }
      }
    }
    return result;
  }

  /** Calls `tick` now and then every `intervalMs`; `onRan` hears about ticks that did something. */
  start(clock: Clock, options: { intervalMs?: number; onRan?: (result: TickResult) => void } = {}): void {
    if (this.timer) return;
    const tick = () => {
      try {
        const result = this.tick(clock.now());
        if (result.ran.length > 0) {
          this.deps.log.info('scheduler.ran', { runs: result.ran });
          options.onRan?.(result);
        }
      } catch (error) {
        this.deps.log.error('scheduler.tick_failed', { error });
      }
    };
    tick();
    this.timer = setInterval(tick, options.intervalMs ?? 30_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private runDue(
    job: ScheduledJob<unknown>,
    subject: string,
    schedule: Schedule,
    now: Date,
    kb: KnowledgeBase,
    calendar: WorkingCalendar,
  ): { scheduledFor: Date; claimed: boolean } | undefined {
    const { stores } = this.deps;
    const watchKey = `${job.name}\u0000${subject}`;
    let since = this.watched.get(watchKey);
    if (!since) {
      since = stores.jobRuns.watchedSince(job.name, subject, now);
      this.watched.set(watchKey, since);
    }
    const scheduledFor = latestOccurrence(schedule, now, calendar, since);
    if (!scheduledFor) return undefined;
    const key = { job: job.name, subject, scheduledFor };
    // Cheap check first: on most ticks the latest occurrence is long done.
    if (stores.jobRuns.isDone(key)) return undefined;
    const context = (previous: JobContext['previous']): JobContext => ({ ...this.deps, kb, calendar, job: job.name, subject, scheduledFor, now, previous });
    const prepared = job.prepare?.(context(stores.jobRuns.latest(job.name, subject)));
    return stores.transaction(() => {
      const previous = stores.jobRuns.latest(job.name, subject);
      if (!stores.jobRuns.claim(key, now, this.runner)) return { scheduledFor, claimed: false };
      const outcome = job.run(context(previous), prepared);
      stores.jobRuns.recordOutcome(key, outcome);
      return { scheduledFor, claimed: true };
    });
  }

  /** A broken schedule fails on every tick; say so once per distinct problem, not every 30 seconds. */
  private reportOnce(key: string, event: string, fields: Record<string, unknown>): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.deps.log.error(event, fields);
  }
}
