import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { workingCalendarOf } from '../../bot/core/issues/sla';
import { cronOf, latestOccurrence, nextOccurrences, parseSchedule, ScheduleError } from '../../bot/core/scheduler/schedule';
import type { ScheduledJob } from '../../bot/core/scheduler/scheduler';
import { createLogger } from '../../bot/core/logger';
import { Scheduler } from '../../bot/core/scheduler/scheduler';
import { loadKb, msk, removeTempDirs, SETTINGS, textOf, World } from './support';

const worlds: World[] = [];
function world(start: Date, kbFolder?: string): World {
  const w = World.fresh(start, kbFolder);
  worlds.push(w);
  return w;
}
afterEach(() => {
  for (const w of worlds.splice(0)) w.close();
});
afterAll(removeTempDirs);

describe('schedules', () => {
  it('reads HH:MM as every working day at that time and anything else as cron', () => {
    expect(cronOf('09:00')).toBe('0 9 * * *');
    expect(cronOf(' 8:30 ')).toBe('30 8 * * *');
    expect(cronOf('0 9 * * 1')).toBe('0 9 * * 1');
    expect(() => parseSchedule('every morning', 'Europe/Moscow')).toThrow(ScheduleError);
    expect(() => parseSchedule('09:00', 'Mars/Olympus')).toThrow(/time zone/);
  });

  it('skips days off of the production calendar, and keeps cron weekdays', () => {
    const calendar = workingCalendarOf(loadKb());
    // The committee meets on Mondays; 23 February and 9 March 2026 are Monday holidays.
    const weekly = parseSchedule('0 9 * * 1', 'Europe/Moscow');
    expect(nextOccurrences(weekly, msk('2026-02-17 00:00'), 3, calendar)).toEqual([msk('2026-03-02 09:00'), msk('2026-03-16 09:00'), msk('2026-03-23 09:00')]);
    // Working days at 09:00 around 4 November (National Unity Day, a Wednesday).
    const daily = parseSchedule('09:00', 'Europe/Moscow');
    expect(nextOccurrences(daily, msk('2026-11-03 10:00'), 3, calendar)).toEqual([msk('2026-11-05 09:00'), msk('2026-11-06 09:00'), msk('2026-11-09 09:00')]);
    // The latest occurrence on 5 January (the New Year holidays) is before them, not that morning.
    expect(latestOccurrence(daily, msk('2026-01-12 08:00'), calendar, msk('2026-01-01 00:00'))).toBeUndefined();
    expect(latestOccurrence(daily, msk('2026-01-12 09:00'), calendar)).toEqual(msk('2026-01-12 09:00'));
  });
});

describe('the scheduler', () => {
  it('posts the digest at 09:00 Moscow time on a working day, once', () => {
    const w = world(msk('2026-01-12 08:00'));
    w.tickAt(msk('2026-01-12 08:00'));
    w.tickAt(msk('2026-01-12 08:59'));
    expect(w.digests('cards')).toHaveLength(0);
    const result = w.tickAt(msk('2026-01-12 09:00'));
    expect(result.ran).toContain(`digest/cards@${msk('2026-01-12 09:00').toISOString()}`);
    expect(w.digests('cards')).toHaveLength(1);
    expect(textOf(w.digests('cards')[0]!.payload.ru)).toContain('== Дайджест · Отдел банковских карт · понедельник, 12 января 2026 ==');
    // Deposits digest at 09:30: not yet.
    expect(w.digests('deposits')).toHaveLength(0);
    w.tickAt(msk('2026-01-12 09:00'));
    w.tickAt(msk('2026-01-12 09:20'));
    expect(w.digests('cards')).toHaveLength(1);
    w.tickAt(msk('2026-01-12 09:30'));
    expect(w.digests('deposits')).toHaveLength(1);
  });

  it('sends no digest on a holiday: 5 January and 4 November 2026', () => {
    const w = world(msk('2026-01-05 08:00'));
    for (const at of ['2026-01-05 08:00', '2026-01-05 09:00', '2026-01-05 12:00', '2026-01-09 09:05']) w.tickAt(msk(at));
    expect(w.digests()).toHaveLength(0);
    w.tickAt(msk('2026-01-12 09:00'));
    expect(w.digests('cards')).toHaveLength(1);

    const november = world(msk('2026-11-03 08:00'));
    november.tickAt(msk('2026-11-03 08:00'));
    november.tickAt(msk('2026-11-03 09:00'));
    expect(november.digests('cards')).toHaveLength(1);
    for (const at of ['2026-11-04 09:00', '2026-11-04 09:30', '2026-11-04 17:00']) november.tickAt(msk(at));
    expect(november.digests('cards')).toHaveLength(1);
    november.tickAt(msk('2026-11-05 09:00'));
    expect(november.digests('cards')).toHaveLength(2);
  });

  it('runs a branch digest at 09:00 in its own time zone (Yekaterinburg is Moscow + 2)', () => {
    const w = world(msk('2026-01-12 06:00'));
    w.tickAt(msk('2026-01-12 06:00'));
    w.tickAt(msk('2026-01-12 06:59'));
    expect(w.digests('branch_ekb')).toHaveLength(0);
    w.tickAt(msk('2026-01-12 07:00'));
    expect(w.digests('branch_ekb')).toHaveLength(1);
    expect(w.digests('cards')).toHaveLength(0);
  });

  it('sends nothing twice after a restart just after a run', () => {
    const w = world(msk('2026-01-12 08:00'));
    w.tickAt(msk('2026-01-12 08:00'));
    w.issue(msk('2026-01-12 08:10'), { category: 'card_blocked', description: 'Карта заблокирована' });
    w.tickAt(msk('2026-01-12 09:00'));
    const before = w.outbox().length;
    expect(w.digests('cards')).toHaveLength(1);
    w.restart();
    w.tickAt(msk('2026-01-12 09:00'));
    w.tickAt(msk('2026-01-12 09:00:20'));
    expect(w.outbox()).toHaveLength(before);
    w.restart();
    w.tickAt(msk('2026-01-12 11:00'));
    expect(w.digests('cards')).toHaveLength(1);
    const run = w.stores.jobRuns.latest('digest', 'cards');
    expect(run?.scheduledFor).toEqual(msk('2026-01-12 09:00'));
    expect(run?.outcome).toMatchObject({ messages: 1, open: 1 });
  });

  it('after three days down sends one catch-up digest, marked late, covering everything since the last one', () => {
    const w = world(msk('2026-01-12 08:00'));
    w.tickAt(msk('2026-01-12 08:00'));
    w.tickAt(msk('2026-01-12 09:00'));
    expect(w.digests('cards')).toHaveLength(1);
    // Down from Monday evening to Thursday afternoon; an issue was logged on Tuesday by another process.
    const tuesday = w.issue(msk('2026-01-13 11:00'), { category: 'card_reissue', description: 'Перевыпуск карты' });
    w.restart();
    const result = w.tickAt(msk('2026-01-15 14:00'));
    expect(result.ran.filter((r) => r.startsWith('digest/cards@'))).toEqual([`digest/cards@${msk('2026-01-15 09:00').toISOString()}`]);
    const cards = w.digests('cards');
    expect(cards).toHaveLength(2);
    const catchUp = textOf(cards[1]!.payload.ru);
    expect(catchUp).toContain('Дайджест за 15.01 09:00 отправлен с опозданием');
    expect(catchUp).toContain('Новые с прошлого дайджеста (1)');
    expect(catchUp).toContain(tuesday.number);
    for (const at of ['2026-01-15 14:00:30', '2026-01-15 17:00', '2026-01-16 08:59']) w.tickAt(msk(at));
    expect(w.digests('cards')).toHaveLength(2);
    w.tickAt(msk('2026-01-16 09:00'));
    expect(w.digests('cards')).toHaveLength(3);
    expect(textOf(w.digests('cards')[2]!.payload.ru)).not.toContain('с опозданием');
  });

  it('does not backdate: a fresh install or a new department starts with the next occurrence', () => {
    const w = world(msk('2026-01-12 10:00'));
    w.tickAt(msk('2026-01-12 10:00'));
    expect(w.digests()).toHaveLength(0);
    w.tickAt(msk('2026-01-13 09:00'));
    expect(w.digests('cards')).toHaveLength(1);
  });

  it('commits a run with its messages or not at all, and retries a failed run on the next tick', () => {
    const w = world(msk('2026-02-02 09:00'));
    let calls = 0;
    const flaky: ScheduledJob = {
      name: 'flaky',
      schedules: (_kb, settings) => [{ subject: 'bank', schedule: { cron: '0 10 * * *', zone: settings.timezone, days: 'working' } }],
      run(ctx) {
        calls++;
        ctx.stores.outbox.enqueue({ target: { kind: 'committee' }, reply: { ru: { blocks: [], fallbackText: 'отчёт' }, en: { blocks: [], fallbackText: 'report' } } }, ['console'], ctx.now);
        if (calls === 1) throw new Error('the report failed half-way');
        return { messages: 1 };
      },
    };
    w.scheduler.register(flaky);
    w.tickAt(msk('2026-02-02 09:00'));
    const failed = w.tickAt(msk('2026-02-02 10:00'));
    expect(failed.failed).toEqual(['flaky/bank']);
    expect(w.outbox((t) => t.kind === 'committee')).toHaveLength(0);
    expect(w.stores.jobRuns.latest('flaky', 'bank')).toBeUndefined();
    expect(w.logLines.filter((l) => l.event === 'scheduler.run_failed')).toHaveLength(1);
    w.tickAt(msk('2026-02-02 10:00:30'));
    expect(w.outbox((t) => t.kind === 'committee')).toHaveLength(1);
    expect(w.stores.jobRuns.latest('flaky', 'bank')?.outcome).toEqual({ messages: 1 });
  });

  it('lets other jobs register with the same run keys: a report on the first working day of each month', () => {
    const w = world(msk('2026-01-01 00:00'));
    const ran: string[] = [];
    // Only this job, so half a year of ticks stays quick.
    const scheduler = new Scheduler({ knowledge: () => w.kb, stores: w.stores, log: createLogger({ write: () => {} }), settings: SETTINGS });
    scheduler.register({
      name: 'committee-report',
      schedules: (_kb, settings) => [{ subject: 'committee', schedule: { cron: '0 10 * * *', zone: settings.timezone, days: 'first-working-day-of-month' } }],
      run(ctx) {
        ran.push(ctx.scheduledFor.toISOString());
        return { messages: 0 };
      },
    });
    expect(() => w.scheduler.register({ name: 'digest', schedules: () => [], run: () => ({}) })).toThrow(/twice/);
    // Every day of the first half of 2026 at 10:00 and 15:00, twice each (a second process, a restart).
    for (let day = new Date(msk('2026-01-01 10:00')); day < msk('2026-07-01 00:00'); day.setUTCDate(day.getUTCDate() + 1)) {
      for (const hours of [0, 0, 5]) scheduler.tick(new Date(day.getTime() + hours * 3_600_000));
    }
    // January: the holidays end on the 12th; May: the 1st is a holiday and the 2nd–3rd a weekend.
    expect(ran).toEqual(
      ['2026-01-12', '2026-02-02', '2026-03-02', '2026-04-01', '2026-05-04', '2026-06-01'].map((d) => msk(`${d} 10:00`).toISOString()),
    );
  });

  it('reports a broken schedule once and keeps running the other departments', () => {
    // kb:check refuses such a file (knowledge/scheduleChecks.ts); the scheduler must still survive one
    // that reaches it, so the schedule is broken in the loaded knowledge base itself.
    const w = world(msk('2026-01-12 08:00'));
    const cards = w.kb.department('cards')!;
    cards.digest.schedule = 'every morning';
    w.tickAt(msk('2026-01-12 08:00'));
    w.tickAt(msk('2026-01-12 09:00'));
    w.tickAt(msk('2026-01-12 09:01'));
    expect(w.digests('cards')).toHaveLength(0);
    expect(w.digests('loans')).toHaveLength(1);
    const errors = w.logLines.filter((l) => l.event === 'scheduler.run_failed');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ job: 'digest', subject: 'cards' });
  });
});
