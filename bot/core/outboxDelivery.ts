import type { ClaimedItem } from '../../storage/outbox';
import type { Stores } from '../../storage/stores';
import type { Logger } from './logger';
import type { Clock, Platform } from './types';

export type DeliveryOutcome =
  | { status: 'sent' }
  /** Nothing to deliver on this platform (e.g. the department has no channel here). */
  | { status: 'skipped'; reason: string }
  /** A temporary failure (HTTP 429, 5xx, network): try again, after `retryAfterMs` if the platform said. */
  | { status: 'retry'; error: string; retryAfterMs?: number }
  /** A permanent failure (channel not found, bot removed): logged, not retried. */
  | { status: 'failed'; error: string };

/**
 * One platform's way of sending outbox items. Implemented by each adapter. A notice about an issue comes
 * unrendered: the deliverer renders it (renderClaimed in bot/core/issues/issueNotices.ts) when it sends it.
 */
export interface Deliverer {
  platform: Platform;
  deliver(item: ClaimedItem): Promise<DeliveryOutcome>;
}

export interface DeliveryOptions {
  batchSize?: number;
  /** How long a claimed row is ours before another process may take it over. */
  leaseMs?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Delivers the outbox, platform by platform, with exponential back-off. A crash between send and
 * mark leaves the row claimed; the claim expires and the row is sent again (at-least-once): deliverers
 * make a repeated send harmless (updates are idempotent; posts carry the outbox id).
 */
export class OutboxDelivery {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private readonly options: Required<DeliveryOptions>;

  constructor(
    private readonly stores: Stores,
    private readonly deliverers: Deliverer[],
    private readonly clock: Clock,
    private readonly log: Logger,
    options: DeliveryOptions = {},
  ) {
    this.options = {
      batchSize: options.batchSize ?? 50,
      leaseMs: options.leaseMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 10,
      baseBackoffMs: options.baseBackoffMs ?? 2_000,
      maxBackoffMs: options.maxBackoffMs ?? 10 * 60_000,
    };
  }

  /** Delivers everything due now; returns how many items were handled. Concurrent calls share one run. */
  runOnce(): Promise<number> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deliverDue(): Promise<number> {
    let handled = 0;
    for (const deliverer of this.deliverers) {
      for (;;) {
        const items = this.stores.outbox.claimDue(deliverer.platform, this.clock.now(), this.options.batchSize, this.options.leaseMs);
        if (items.length === 0) break;
        for (const item of items) {
          await this.deliverOne(deliverer, item);
          handled++;
        }
        if (items.length < this.options.batchSize) break;
      }
    }
    return handled;
  }

  private async deliverOne(deliverer: Deliverer, item: ClaimedItem): Promise<void> {
    let outcome: DeliveryOutcome;
    try {
      outcome = await deliverer.deliver(item);
    } catch (error) {
      outcome = { status: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
    const { outbox } = this.stores;
    const now = this.clock.now();
    switch (outcome.status) {
      case 'sent':
        outbox.markSent(item.id, now);
        return;
      case 'skipped':
        outbox.markSkipped(item.id, outcome.reason);
        return;
      case 'failed':
        this.log.error('outbox.failed', { id: item.id, platform: item.platform, error: outcome.error });
        outbox.markFailed(item.id, outcome.error);
        return;
      case 'retry': {
        if (item.attempts >= this.options.maxAttempts) {
          this.log.error('outbox.gave_up', { id: item.id, platform: item.platform, attempts: item.attempts, error: outcome.error });
          outbox.markFailed(item.id, outcome.error);
          return;
        }
        const backoff = Math.min(this.options.baseBackoffMs * 2 ** (item.attempts - 1), this.options.maxBackoffMs);
        const delay = Math.max(outcome.retryAfterMs ?? 0, backoff);
        this.log.warn('outbox.retry', { id: item.id, platform: item.platform, attempts: item.attempts, delayMs: delay, error: outcome.error });
        outbox.retryAt(item.id, new Date(now.getTime() + delay), outcome.error);
        return;
      }
    }
  }

  /** Polls the outbox; `kick()` delivers at once after a command committed something. */
  start(intervalMs = 1_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  kick(): void {
    void this.tick();
  }

  private async tick(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.log.error('outbox.run_failed', { error });
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
