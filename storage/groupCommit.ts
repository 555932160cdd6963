import type { Database } from './database';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: changes that arrive together (chat requests being handled in the same moment) commit in
 * one transaction, and a change that fails rolls back alone. The commit is what costs (every B-tree page a change
 * touches is written to the WAL once per commit, not once per change); a change's caller is still told of
 * it only after the commit that holds it. A change must only write to the database: a group in which one
 * fails runs again.
 */
export class GroupCommit {
  private pending: Pending[] = [];
  private scheduled = false;
  private readonly inBatch: (run: () => void) => void;
  private readonly inSavepoint: (work: () => unknown) => unknown;

  constructor(
    db: Database,
    /** At most this many changes in one commit: a long transaction holds the write lock for others. */
    private readonly maxBatch = 256,
  ) {
    const batch = db.transaction((run: () => void) => run());
    this.inBatch = (run) => batch.immediate(run);
    // Called inside the batch's transaction, better-sqlite3 makes this a savepoint.
    this.inSavepoint = db.transaction((work: () => unknown) => work());
  }

  /** Runs `work` in the next group's transaction; resolves once that transaction has committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the I/O of this turn: requests read in the same turn join the group.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxBatch);
    if (this.pending.length > 0) this.schedule();
    // Optimistically without savepoints (two statements less a change): if any change fails, the whole
    // group rolls back and runs again with a savepoint each, so that only the failing one is lost.
    const values: unknown[] = [];
    let changeFailed = false;
    try {
      this.inBatch(() => {
        for (const item of batch) {
          try {
            values.push(item.work());
          } catch (error) {
            changeFailed = true;
            throw error;
          }
        }
      });
    } catch (error) {
      if (changeFailed) this.flushEachInSavepoint(batch);
      else this.rejectAll(batch, error);
      return;
    }
    batch.forEach((item, i) => {
      item.resolve(values[i]);
    });
  }

  private flushEachInSavepoint(batch: Pending[]): void {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.inBatch(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: this.inSavepoint(item.work) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      this.rejectAll(batch, error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  /**
   * The commit itself failed (the database locked past its busy timeout, the disk full): nothing of the
   * group was written, and every caller hears so.
   */
  private rejectAll(batch: Pending[], error: unknown): void {
    for (const item of batch) item.reject(error);
  }
}
