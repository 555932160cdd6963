/** The channel is busy for longer than the caller is willing to wait. */
export class ChannelBusy extends Error {
  constructor(readonly waitMs: number) {
    super(`channel busy for ${waitMs} ms`);
  }
}

export interface PacerOptions {
  /** Slack allows about one message a second per channel. */
  intervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Spaces posts to one channel about a second apart, and holds a channel back for as long as Slack's
 * `Retry-After` asked. Each call reserves its own slot, so concurrent senders queue instead of bursting.
 */
export class ChannelPacer {
  private readonly next = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: PacerOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** How long a post to this channel would wait now. */
  delay(channel: string): number {
    return Math.max(0, (this.next.get(channel) ?? 0) - this.now());
  }

  /** Waits for this channel's next slot; throws `ChannelBusy` instead when that is more than `maxWaitMs` away. */
  async turn(channel: string, maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.next.get(channel) ?? 0);
    const wait = slot - now;
    if (wait > maxWaitMs) throw new ChannelBusy(wait);
    this.next.set(channel, slot + this.intervalMs);
    this.forgetIdle(now);
    if (wait > 0) await this.sleep(wait);
  }

  /** Slack answered 429: nothing goes to this channel before `ms` have passed. */
  pause(channel: string, ms: number): void {
    const until = this.now() + ms;
    this.next.set(channel, Math.max(this.next.get(channel) ?? 0, until));
  }

  private forgetIdle(now: number): void {
    if (this.next.size < 1_000) return;
    for (const [channel, at] of this.next) if (at < now) this.next.delete(channel);
  }
}
