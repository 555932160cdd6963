import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../bot/core/app';
import type { DispatchResult } from '../../bot/core/dispatcher';
import { createDeskScheduler } from '../../bot/core/digest/jobs';
import { resolveActor } from '../../bot/core/identity';
import { createLogger } from '../../bot/core/logger';
import { renderText } from '../../bot/render/text';
import { BUNDLED_KB, FakeClock, msk, removeTempDirs, SETTINGS, tempDir, textOf } from './support';

const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});
afterAll(removeTempDirs);

function start(at: Date) {
  const dir = tempDir();
  const clock = new FakeClock(at);
  const log = createLogger({ write: () => {} });
  const core = createCore({ knowledgeFolder: BUNDLED_KB, databaseFile: join(dir, 'clientdesk.db'), cacheDir: join(dir, 'cache'), settings: SETTINGS, clock, log });
  cores.push(core);
  const say = async (email: string, text: string): Promise<string> => {
    const actor = resolveActor(core.knowledge.current.kb, { platform: 'console', platformUserId: email, email });
    const result: DispatchResult = await core.dispatcher.handle({
      kind: 'message',
      text,
      actor,
      conversation: { platform: 'console', id: 'test', isDirect: true },
      eventId: randomUUID(),
    });
    if (result.kind === 'duplicate') throw new Error('duplicate');
    return renderText(result.reply).text;
  };
  /** Logs an issue through the `issue.new` form, as a submitted form arrives from any platform. */
  const logIssue = async (email: string, values: Record<string, string>): Promise<string> => {
    const actor = resolveActor(core.knowledge.current.kb, { platform: 'console', platformUserId: email, email });
    const result = await core.dispatcher.handle({
      kind: 'action',
      actionId: 'issue.new',
      values: { client: 'Сидоров С.С.', channel: 'branch', priority: 'normal', vip: 'no', ...values },
      actor,
      conversation: { platform: 'console', id: 'test', isDirect: true },
      eventId: randomUUID(),
    });
    if (result.kind !== 'reply') throw new Error(`issue.new: ${result.kind}`);
    return renderText(result.reply).text;
  };
  const scheduler = createDeskScheduler({ knowledge: () => core.knowledge.current.kb, stores: core.stores, log, settings: SETTINGS });
  const digests = (department: string) =>
    core.stores.outbox
      .latest('console', 10_000)
      .reverse()
      .filter((i) => i.target.kind === 'department' && i.target.departmentId === department && !i.anchor)
      .map((i) => textOf(i.payload.ru));
  return { core, clock, say, logIssue, scheduler, digests };
}

describe('digest commands', () => {
  it('preview my department’s digest now, in Russian and English, by name or alias', async () => {
    const { clock, say, logIssue } = start(msk('2026-03-03 10:00'));
    const logged = await logIssue('o.petrov@bank.example', { category: 'card_blocked', description: 'Клиент не может снять наличные: карта заблокирована' });
    expect(logged).toContain('Обращение CL-2026-000001 зарегистрировано');
    clock.set(msk('2026-03-03 11:00'));
    for (const text of ['дайджест', 'digest', 'digest preview', 'дайджест показать']) {
      const reply = await say('d.kozlov@bank.example', text);
      expect(reply).toContain('== Дайджест · Отдел банковских карт · вторник, 3 марта 2026 ==');
      expect(reply).toContain('Предпросмотр: так выглядел бы дайджест сейчас.');
      expect(reply).not.toContain('дайджест отправить');
      expect(reply).toContain('Без исполнителя (1)\n• CL-2026-000001 · Блокировка карты — «Клиент не может снять наличные: карта заблокирована»');
    }
    const english = await say('j.harris@bank.example', 'digest');
    expect(english).toContain('== Digest · Cards · Tuesday, 3 March 2026 ==');
    // The head is told how to send it; another department by id or by name.
    expect(await say('a.ivanova@bank.example', 'digest')).toContain('Отправить в канал подразделения: дайджест отправить cards');
    expect(await say('s.orlov@bank.example', 'дайджест операционный отдел')).toContain('== Дайджест · Операционный отдел');
  });

  it('keep other departments’ digests to their members, the committee and admins', async () => {
    const { say } = start(msk('2026-03-03 11:00'));
    expect(await say('s.orlov@bank.example', 'digest preview cards')).toContain('Дайджест «Отдел банковских карт» видят сотрудники подразделения');
    expect(await say('g.popova@bank.example', 'digest preview cards')).toContain('== Дайджест · Отдел банковских карт');
    expect(await say('admin@bank.example', 'digest preview cards')).toContain('== Дайджест · Отдел банковских карт');
    expect(await say('admin@bank.example', 'digest')).toContain('Вы не состоите ни в одном подразделении');
    expect(await say('d.kozlov@bank.example', 'digest preview nowhere')).toContain('Нет подразделения «nowhere»');
  });

  it('send now: heads and admins only; the run is recorded, and the next scheduled digest counts from it', async () => {
    const { clock, say, logIssue, scheduler, digests, core } = start(msk('2026-03-03 08:00'));
    scheduler.tick(clock.now());
    expect(await say('d.kozlov@bank.example', 'digest send')).toContain('может руководитель подразделения или администратор');
    expect(digests('cards')).toHaveLength(0);
    clock.set(msk('2026-03-03 11:00'));
    expect(await say('a.ivanova@bank.example', 'дайджест отправить')).toContain('Дайджест «Отдел банковских карт» отправлен в канал подразделения.');
    expect(await say('admin@bank.example', 'digest send loans')).toContain('«Кредитный отдел» отправлен');
    expect(digests('cards')).toHaveLength(1);
    expect(core.stores.jobRuns.latest('digest', 'cards')).toMatchObject({ manual: true, runner: 'command:a.ivanova@bank.example' });
    clock.set(msk('2026-03-03 15:00'));
    await logIssue('o.petrov@bank.example', { category: 'card_blocked', description: 'Карта заблокирована после смены PIN' });
    clock.set(msk('2026-03-04 09:00'));
    scheduler.tick(clock.now());
    const scheduled = digests('cards');
    expect(scheduled).toHaveLength(2);
    expect(scheduled[1]).toContain('Новые с прошлого дайджеста (1)');
    expect(scheduled[1]).toContain('— 03.03 15:00');
  });

  it('subscribe and unsubscribe personal reminders', async () => {
    const { say, core } = start(msk('2026-03-03 11:00'));
    expect(core.stores.prefs.of('d.kozlov@bank.example').reminders).toBe(true);
    expect(await say('d.kozlov@bank.example', 'дайджест отписаться')).toContain('Напоминания отключены');
    expect(core.stores.prefs.of('d.kozlov@bank.example').reminders).toBe(false);
    expect(await say('d.kozlov@bank.example', 'digest subscribe')).toContain('Напоминания включены: я напишу, когда пройдёт 80 % срока');
    expect(core.stores.prefs.of('d.kozlov@bank.example').reminders).toBe(true);
    expect(await say('j.harris@bank.example', 'digest unsubscribe')).toContain('Reminders are off.');
  });

  it('show the schedule of my departments with the next runs in their time zone, holidays skipped', async () => {
    const { say } = start(msk('2026-11-03 10:00'));
    const cards = await say('d.kozlov@bank.example', 'дайджест расписание');
    expect(cards).toContain('Отдел банковских карт — по рабочим дням в 09:00, Europe/Moscow');
    // 4 November is a holiday.
    expect(cards).toContain('Ближайшие: 05.11 09:00, 06.11 09:00, 09.11 09:00, 10.11 09:00, 11.11 09:00');
    expect(cards).toContain('Ваши напоминания включены (80 % срока и просрочка)');
    const ekb = await say('v.kuznetsov@bank.example', 'digest schedule');
    expect(ekb).toContain('Екатеринбургский филиал — по рабочим дням в 09:00, Asia/Yekaterinburg');
    expect(ekb).toContain('Ближайшие: 05.11 09:00');
    // Someone in two departments sees both; the committee meets on Mondays.
    const smirnova = await say('e.smirnova@bank.example', 'digest schedule');
    expect(smirnova).toContain('Отдел клиентских отношений — по рабочим дням в 09:00');
    expect(smirnova).toContain('Комитет по клиентской работе — по расписанию 0 9 * * 1 (cron), кроме нерабочих дней');
    expect(smirnova).toContain('Ближайшие: 09.11 09:00, 16.11 09:00');
    expect(await say('j.harris@bank.example', 'digest schedule')).toContain('Cards — working days at 09:00, Europe/Moscow');
  });
});
