import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../bot/core/logger';
import { type Deliverer, type DeliveryOutcome, OutboxDelivery } from '../../bot/core/outboxDelivery';
import type { Notification } from '../../bot/core/types';
import type { OutboxItem } from '../../storage/outbox';
import { type Harness, openHarness } from '../helpers/harness';

const note = (text: string): Notification => ({
  target: { kind: 'department', departmentId: 'cards' },
  reply: { ru: { blocks: [], fallbackText: text }, en: { blocks: [], fallbackText: text } },
});

/** A deliverer that answers from a script of outcomes and records what it was given. */
class ScriptedDeliverer implements Deliverer {
  readonly platform = 'slack' as const;
  readonly seen: OutboxItem[] = [];
  constructor(private readonly script: DeliveryOutcome[]) {}
  async deliver(item: OutboxItem): Promise<DeliveryOutcome> {
    this.seen.push(item);
    return this.script.shift() ?? { status: 'sent' };
  }
}

describe('outbox delivery', () => {
  let h: Harness;
  beforeEach(() => {
    h = openHarness({ platforms: ['slack'] });
  });
  afterEach(() => h.close());

  const status = (id: number) => h.core.stores.db.prepare('SELECT status, attempts, next_attempt_at AS next FROM outbox WHERE id = ?').get(id) as {
    status: string;
    attempts: number;
    next: string;
  };

  it('retries a temporary failure with back-off, honouring Retry-After, then delivers once', async () => {
    const [id] = h.core.stores.outbox.enqueue(note('hello'), ['slack'], h.clock.now());
    const deliverer = new ScriptedDeliverer([
      { status: 'retry', error: 'HTTP 500' },
      { status: 'retry', error: 'HTTP 429', retryAfterMs: 30_000 },
      { status: 'sent' },
    ]);
    const delivery = new OutboxDelivery(h.core.stores, [deliverer], h.clock, silentLogger, { baseBackoffMs: 1_000 });

    await delivery.runOnce();
    expect(status(id!)).toMatchObject({ status: 'pending', attempts: 1 });
    await delivery.runOnce(); // not due yet
    expect(deliverer.seen).toHaveLength(1);

    h.clock.advance(1_000);
    await delivery.runOnce();
    expect(status(id!)).toMatchObject({ status: 'pending', attempts: 2 });
    // Back-off would be 2 s; the platform asked for 30 s.
    expect(new Date(status(id!).next).getTime() - h.clock.now().getTime()).toBe(30_000);

    h.clock.advance(30_000);
    await delivery.runOnce();
    expect(status(id!)).toMatchObject({ status: 'sent', attempts: 3 });
    h.clock.advance(3600_000);
    await delivery.runOnce();
    expect(deliverer.seen).toHaveLength(3);
  });

  it('gives up after the last attempt and marks permanent failures without retrying', async () => {
    const ids = [note('a'), note('b')].map((n) => h.core.stores.outbox.enqueue(n, ['slack'], h.clock.now())[0]!);
    const [a = 0, b = 0] = ids;
    const deliverer = new ScriptedDeliverer([{ status: 'failed', error: 'channel_not_found' }, { status: 'retry', error: 'timeout' }]);
    const delivery = new OutboxDelivery(h.core.stores, [deliverer], h.clock, silentLogger, { maxAttempts: 1 });
    await delivery.runOnce();
    expect(status(a).status).toBe('failed');
    expect(status(b).status).toBe('failed');
  });

  it('lets only one of two senders claim a row, and takes over a claim whose sender died', async () => {
    h.core.stores.outbox.enqueue(note('x'), ['slack'], h.clock.now());
    const first = h.core.stores.outbox.claimDue('slack', h.clock.now(), 10, 60_000);
    const second = h.core.stores.outbox.claimDue('slack', h.clock.now(), 10, 60_000);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
    h.clock.advance(61_000);
    expect(h.core.stores.outbox.claimDue('slack', h.clock.now(), 10, 60_000)).toHaveLength(1);
  });

  it('keeps platforms apart: a Slack failure does not hold back Teams', async () => {
    h.core.stores.outbox.enqueue(note('both'), ['slack', 'teams'], h.clock.now());
    const slack = new ScriptedDeliverer([{ status: 'retry', error: 'down' }]);
    const teams: Deliverer & { seen: number } = {
      platform: 'teams',
      seen: 0,
      async deliver() {
        this.seen++;
        return { status: 'sent' };
      },
    };
    await new OutboxDelivery(h.core.stores, [slack, teams], h.clock, silentLogger).runOnce();
    expect(teams.seen).toBe(1);
    expect(h.core.stores.outbox.counts()).toEqual({ pending: 1, sent: 1 });
  });
});
