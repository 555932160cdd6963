import { newErrorId } from './errors';
import type { Logger } from './logger';
import type { Localized } from './types';

/**
 * How many jobs may be accepted and not yet finished (waiting or running) before the queue refuses more.
 * A job still waiting on a slow Web API counts too: that is where work piles up when a platform is slow.
 * At a few milliseconds of work each, 500 is a backlog of seconds: past it, telling people we are busy
 * is more honest than an answer that comes much later.
 */
export const DEFAULT_MAX_PENDING = 500;

/** What a person is told when their request could not even be queued (both languages: we may not know theirs yet). */
export const BUSY_NOTICE: Localized = {
  ru: 'Сейчас слишком много запросов, и ваш не удалось принять. Пожалуйста, повторите его через минуту.',
  en: 'There are too many requests right now and yours could not be taken. Please try again in a minute.',
};

export const BUSY_NOTICE_BOTH = `${BUSY_NOTICE.ru}\n\n${BUSY_NOTICE.en}`;

export type JobOutcome = 'done' | 'failed';

export type Submitted = { accepted: true; finished: Promise<JobOutcome> } | { accepted: false };

export interface AfterAckOptions {
  log: Logger;
  maxPending?: number;
}

interface Job {
  kind: string;
  work: () => unknown;
  settle: (outcome: JobOutcome) => void;
}

/**
 * The work that follows an acknowledgement (dispatch, search, rendering, posting the reply), started one
 * job per event-loop turn (`setImmediate`): between two jobs Node reads sockets and writes responses, so
 * a request's ack never waits behind the synchronous work of the requests before it. Jobs start in the
 * order they were accepted; a job may still be awaiting I/O when the next one starts.
 *
 * Bounded: `submit` refuses when `maxPending` jobs are waiting or running, and the caller tells the person
 * (the adapter knows where). A job's failure is logged with an error id (through the masking logger) and
 * reported as `failed`, never thrown at the caller or lost.
 */
export class AfterAckQueue {
  readonly maxPending: number;
  private readonly waiting: Job[] = [];
  private running = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  private refusedCount = 0;
  private failedCount = 0;

  constructor(private readonly options: AfterAckOptions) {
    this.maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    if (!(this.maxPending >= 1)) throw new Error(`maxPending must be at least 1, got ${this.maxPending}`);
  }

  /** Jobs accepted and not yet finished. */
  get pending(): number {
    return this.waiting.length + this.running;
  }

  stats(): { waiting: number; running: number; refused: number; failed: number } {
    return { waiting: this.waiting.length, running: this.running, refused: this.refusedCount, failed: this.failedCount };
  }

  /** Queues `work` (`kind` names it in the log); refused when the queue is full. */
  submit(kind: string, work: () => unknown): Submitted {
    if (this.pending >= this.maxPending) {
      this.refusedCount += 1;
      this.options.log.warn('after_ack.refused', { kind, pending: this.pending, maxPending: this.maxPending, refused: this.refusedCount });
      return { accepted: false };
    }
    let settle: (outcome: JobOutcome) => void = () => {};
    const finished = new Promise<JobOutcome>((resolve) => {
      settle = resolve;
    });
    this.waiting.push({ kind, work, settle });
    this.schedule();
    return { accepted: true, finished };
  }

  /** Resolves once nothing is waiting or running, jobs accepted meanwhile included (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.pending > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startNext();
    });
  }

  private startNext(): void {
    const job = this.waiting.shift();
    if (!job) return;
    this.running += 1;
    let outcome: Promise<unknown>;
    try {
      outcome = Promise.resolve(job.work());
    } catch (error) {
      outcome = Promise.reject(error);
    }
    void outcome
      .then(
        (): JobOutcome => 'done',
        (error: unknown): JobOutcome => {
          this.failedCount += 1;
          this.options.log.error('after_ack.job_failed', { kind: job.kind, errorId: newErrorId(), error });
          return 'failed';
        },
      )
      .then((result) => {
        this.running -= 1;
        job.settle(result);
        if (this.pending === 0) this.wakeIdleWaiters();
      });
    // The next job gets the next turn, after the poll phase has had its go.
    this.schedule();
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
