import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../storage/outbox';
import { msk, removeTempDirs, textOf, World } from './support';

const worlds: World[] = [];
function world(start: Date): World {
  const w = World.fresh(start);
  worlds.push(w);
  return w;
}
afterEach(() => {
  for (const w of worlds.splice(0)) w.close();
});
afterAll(removeTempDirs);

const isReminder = (i: OutboxItem) => textOf(i.payload.ru).startsWith('== ⏰ Напоминание о сроках');
function reminders(w: World, email: string): string[] {
  return w.toPerson(email).filter(isReminder).map((i) => textOf(i.payload.ru));
}

/** Monday 2 March 2026: card_blocked with high priority has 4 working hours; 80 % is 3 h 12 min. */
function monday() {
  const w = world(msk('2026-03-02 08:00'));
  w.tickAt(msk('2026-03-02 08:00'));
  const first = w.issue(msk('2026-03-02 10:00'), { category: 'card_blocked', priority: 'high', description: 'Первая заблокированная карта' });
  const second = w.issue(msk('2026-03-02 10:10'), { category: 'card_blocked', priority: 'high', description: 'Вторая заблокированная карта' });
  const other = w.issue(msk('2026-03-02 10:00'), { category: 'card_blocked', priority: 'high', description: 'Карта коллеги' });
  w.clock.set(msk('2026-03-02 10:15'));
  w.desk('d.kozlov@bank.example').take(first.number);
  w.desk('d.kozlov@bank.example').take(second.number);
  w.desk('j.harris@bank.example').take(other.number);
  return { w, first, second, other };
}

describe('personal reminders', () => {
  it('remind the assignee at 80 % of the SLA and at the deadline, in one message per person per run', () => {
    const { w, first, second, other } = monday();
    w.tickAt(msk('2026-03-02 13:00'));
    expect(reminders(w, 'd.kozlov@bank.example')).toHaveLength(0);

    // 13:30: both of Kozlov's issues are past 80 % (13:12 and 13:22): one message with both.
    w.tickAt(msk('2026-03-02 13:30'));
    let kozlov = reminders(w, 'd.kozlov@bank.example');
    expect(kozlov).toHaveLength(1);
    expect(kozlov[0]).toContain('Прошло 80 % срока (2)');
    expect(kozlov[0]).toContain(first.number);
    expect(kozlov[0]).toContain(second.number);
    expect(kozlov[0]).toContain(`${first.number} · Блокировка карты — «Первая заблокированная карта» — срок 02.03 14:00, осталось 30 мин рабочего времени`);
    expect(kozlov[0]).not.toContain(other.number);
    const harris = w.toPerson('j.harris@bank.example').filter(isReminder);
    expect(harris).toHaveLength(1);
    expect(textOf(harris[0]!.payload.en)).toContain('80% of the time used (1)');

    // Later runs before the deadline repeat nothing.
    w.tickAt(msk('2026-03-02 13:45'));
    expect(reminders(w, 'd.kozlov@bank.example')).toHaveLength(1);

    // 14:15: both are overdue (14:00 and 14:10): again one message with both.
    w.tickAt(msk('2026-03-02 14:15'));
    kozlov = reminders(w, 'd.kozlov@bank.example');
    expect(kozlov).toHaveLength(2);
    expect(kozlov[1]).toContain('Просрочено (2)');
    expect(kozlov[1]).toContain(`${first.number} · Блокировка карты — «Первая заблокированная карта» — срок был 02.03 14:00, просрочено на 15 мин`);
    expect(kozlov[1]).not.toContain('Прошло 80 %');

    // A restart, more runs, the next morning: nothing is repeated.
    w.restart();
    for (const at of ['2026-03-02 14:30', '2026-03-02 17:45', '2026-03-03 09:00', '2026-03-03 12:00']) w.tickAt(msk(at));
    expect(reminders(w, 'd.kozlov@bank.example')).toHaveLength(2);
    const events = w.stores.issueEvents.history(first.id).filter((e) => e.type === 'reminded');
    expect(events.map((e) => e.data.level)).toEqual(['share', 'overdue']);
    expect(events[0]).toMatchObject({ actor: 'system', platform: 'system', data: { to: 'd.kozlov@bank.example', dueAt: first.dueAt, share: 0.8 } });
  });

  it('respect the person’s choice: nothing while reminders are off, what is pending once they are back on', () => {
    const { w, first } = monday();
    w.stores.prefs.setReminders('d.kozlov@bank.example', false, msk('2026-03-02 10:20'));
    for (const at of ['2026-03-02 13:30', '2026-03-02 14:15', '2026-03-02 15:00']) w.tickAt(msk(at));
    expect(reminders(w, 'd.kozlov@bank.example')).toHaveLength(0);
    expect(reminders(w, 'j.harris@bank.example')).toHaveLength(2);
    w.stores.prefs.setReminders('d.kozlov@bank.example', true, msk('2026-03-02 15:05'));
    w.tickAt(msk('2026-03-02 15:15'));
    const kozlov = reminders(w, 'd.kozlov@bank.example');
    expect(kozlov).toHaveLength(1);
    expect(kozlov[0]).toContain('Просрочено (2)');
    expect(kozlov[0]).toContain(first.number);
  });

  it('remind a new assignee; not while the clock waits for the client', () => {
    const { w, first, second } = monday();
    w.tickAt(msk('2026-03-02 13:30'));
    w.clock.set(msk('2026-03-02 13:35'));
    w.desk('a.ivanova@bank.example').assign(first.number, 'a.ivanova@bank.example');
    w.desk('d.kozlov@bank.example').setStatus(second.number, 'waiting_client');
    w.tickAt(msk('2026-03-02 13:45'));
    const ivanova = reminders(w, 'a.ivanova@bank.example');
    expect(ivanova).toHaveLength(1);
    expect(ivanova[0]).toContain(first.number);
    // The paused one is neither reminded nor overdue while its clock is stopped.
    w.tickAt(msk('2026-03-02 16:00'));
    expect(reminders(w, 'd.kozlov@bank.example').filter((r) => r.includes('Просрочено'))).toHaveLength(0);
  });

  it('remind again when a complaint’s deadline is extended', () => {
    const w = world(msk('2026-03-02 08:00'));
    w.tickAt(msk('2026-03-02 08:00'));
    // A complaint: 15 working days, due Tuesday 24 March 18:00 (9 March is a holiday); 80 % (114.4 of 143 working hours) falls on Thursday 19 March 16:24.
    const complaint = w.issue(msk('2026-03-02 10:00'), { category: 'complaint', description: 'Жалоба на отказ в выдаче выписки' });
    w.clock.set(msk('2026-03-02 10:05'));
    w.desk('m.volkova@bank.example').take(complaint.number);
    expect(complaint.dueAt).toBe(msk('2026-03-24 18:00').toISOString());
    w.tickAt(msk('2026-03-19 16:15'));
    expect(reminders(w, 'm.volkova@bank.example')).toHaveLength(0);
    w.tickAt(msk('2026-03-19 16:30'));
    expect(reminders(w, 'm.volkova@bank.example')).toHaveLength(1);
    w.clock.set(msk('2026-03-20 10:00'));
    const extended = w.desk('m.volkova@bank.example').extend(complaint.number, 5, 'Нужен ответ процессингового центра');
    expect(extended.dueAt).toBe(msk('2026-03-31 18:00').toISOString());
    // 80 % of the longer term (150.4 of 188 hours): Wednesday 25 March 16:24.
    w.tickAt(msk('2026-03-25 16:15'));
    expect(reminders(w, 'm.volkova@bank.example')).toHaveLength(1);
    w.tickAt(msk('2026-03-25 16:30'));
    const volkova = reminders(w, 'm.volkova@bank.example');
    expect(volkova).toHaveLength(2);
    expect(volkova[1]).toContain(`${complaint.number} · Жалоба клиента — «Жалоба на отказ в выдаче выписки» — срок 31.03 18:00`);
  });
});
