import { describe, expect, it } from 'vitest';
import { AfterAckQueue } from '../../bot/core/afterAck';
import { createLogger } from '../../bot/core/logger';

function logged() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { lines, log };
}

/** A promise and the function that settles it: a job that stays running until the test says so. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('AfterAckQueue', () => {
  it('starts jobs in the order they came, none in the caller’s turn, one per event-loop turn', async () => {
    const { log } = logged();
    const queue = new AfterAckQueue({ log });
    const order: string[] = [];
    for (const name of ['a', 'b', 'c']) queue.submit('test', () => order.push(name));
    // Something else scheduled after the jobs (as a socket read would be): it gets its turn between them.
    setImmediate(() => order.push('other'));
    expect(order).toEqual([]);
    await queue.drain();
    expect(order).toEqual(['a', 'other', 'b', 'c']);
  });

  it('starts the next job while an earlier one still awaits I/O, and reports each outcome', async () => {
    const { log } = logged();
    const queue = new AfterAckQueue({ log });
    const slow = gate();
    const order: string[] = [];
    const first = queue.submit('test', async () => {
      order.push('first started');
      await slow.opened;
      order.push('first done');
    });
    const second = queue.submit('test', () => order.push('second'));
    if (!first.accepted || !second.accepted) throw new Error('both should be accepted');
    expect(await second.finished).toBe('done');
    expect(order).toEqual(['first started', 'second']);
    expect(queue.pending).toBe(1);
    slow.open();
    expect(await first.finished).toBe('done');
    expect(order).toEqual(['first started', 'second', 'first done']);
    expect(queue.pending).toBe(0);
  });

  it('refuses past maxPending (waiting and running together), logs it, and takes work again once there is room', async () => {
    const { lines, log } = logged();
    const queue = new AfterAckQueue({ log, maxPending: 2 });
    const held = gate();
    const running = queue.submit('held', () => held.opened);
    const waiting = queue.submit('queued', () => undefined);
    expect(running.accepted && waiting.accepted).toBe(true);
    // Let both start: the held one stays running, so the queue is still full.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.stats()).toMatchObject({ running: 1, waiting: 0 });
    expect(queue.submit('third', () => undefined).accepted).toBe(true);
    const refused = queue.submit('fourth', () => undefined);
    expect(refused.accepted).toBe(false);
    expect(queue.stats().refused).toBe(1);
    expect(lines.find((l) => l.event === 'after_ack.refused')).toMatchObject({ level: 'warn', kind: 'fourth', pending: 2, maxPending: 2 });
    held.open();
    await queue.drain();
    expect(queue.submit('later', () => undefined).accepted).toBe(true);
    await queue.drain();
  });

  it('logs a failing job with an error id and masked text, reports it failed, and goes on with the next', async () => {
    const { lines, log } = logged();
    const queue = new AfterAckQueue({ log });
    const card = '4276 1234 5678 9012';
    const thrown = queue.submit('sync', () => {
      throw new Error(`could not answer about card ${card}`);
    });
    const rejected = queue.submit('async', async () => {
      await Promise.resolve();
      throw new Error('connector refused');
    });
    let ranAfter = false;
    const after = queue.submit('after', () => {
      ranAfter = true;
    });
    if (!thrown.accepted || !rejected.accepted || !after.accepted) throw new Error('all should be accepted');
    expect(await thrown.finished).toBe('failed');
    expect(await rejected.finished).toBe('failed');
    expect(await after.finished).toBe('done');
    expect(ranAfter).toBe(true);
    const failures = lines.filter((l) => l.event === 'after_ack.job_failed');
    expect(failures.map((l) => l.kind)).toEqual(['sync', 'async']);
    for (const failure of failures) expect(failure.errorId).toMatch(/^E-[0-9A-F]{8}$/);
    expect(JSON.stringify(failures)).not.toContain(card);
    expect(JSON.stringify(failures)).toContain('connector refused');
    expect(queue.stats().failed).toBe(2);
  });

  it('drain waits for jobs accepted while it waits, and resolves at once when idle', async () => {
    const { log } = logged();
    const queue = new AfterAckQueue({ log });
    await queue.drain();
    const done: string[] = [];
    queue.submit('first', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      // Work that queues more work (a reply that leads to another post): drain covers it too.
      queue.submit('follow-up', async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        done.push('follow-up');
      });
      done.push('first');
    });
    await queue.drain();
    expect(done).toEqual(['first', 'follow-up']);
    expect(queue.pending).toBe(0);
  });

  it('refuses a bound below one', () => {
    const { log } = logged();
    expect(() => new AfterAckQueue({ log, maxPending: 0 })).toThrow(/at least 1/);
  });
});
