import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../../bot/core/digest/digest';
import { digestReply, ITEMS_PER_SECTION } from '../../bot/core/digest/digestReply';
import { workingCalendarOf } from '../../bot/core/issues/sla';
import { blockTextLength, renderMessages, SLACK_LIMITS } from '../../bot/render/blockKit';
import { copyBundledKb, msk, removeTempDirs, SETTINGS, textOf, World } from './support';

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

/** A week of the cards department: Friday's digest, then what happened until Monday morning. */
function cardsWeek() {
  const w = world(msk('2026-11-20 08:00'));
  w.tickAt(msk('2026-11-20 08:00'));
  // Logged on Thursday, before Friday's digest.
  const overdue = w.issue(msk('2026-11-19 10:00'), { category: 'card_blocked', priority: 'high', description: 'Карта заблокирована, клиент за границей' });
  w.desk('d.kozlov@bank.example').take(overdue.number);
  const waiting = w.issue(msk('2026-11-19 11:00'), { category: 'card_dispute', description: 'Спорная операция на 4 500 руб.' });
  w.desk('d.kozlov@bank.example').take(waiting.number);
  w.desk('d.kozlov@bank.example').setStatus(waiting.number, 'waiting_client');
  w.tickAt(msk('2026-11-20 09:00'));
  // After Friday's digest.
  const dueToday = w.issue(msk('2026-11-20 11:00'), { category: 'card_limits', description: 'Поднять лимит на снятие наличных' });
  w.clock.set(msk('2026-11-20 11:05'));
  w.desk('a.ivanova@bank.example').assign(dueToday.number, 'j.harris@bank.example');
  const handedIn = w.issue(msk('2026-11-20 12:00'), { category: 'transfer_missing', description: 'Перевод не поступил, оказалось — карта отправителя заблокирована' });
  const resolved = w.issue(msk('2026-11-20 12:30'), { category: 'card_reissue', description: 'Перевыпуск карты после окончания срока' });
  w.clock.set(msk('2026-11-20 15:00'));
  w.desk('s.orlov@bank.example').handoff(handedIn.number, 'cards', 'Карта отправителя заблокирована — вопрос карточного отдела');
  w.clock.set(msk('2026-11-20 16:00'));
  w.desk('d.kozlov@bank.example').resolve(resolved.number, 'Карта перевыпущена');
  w.stores.answerLog.logUnanswered({
    askedAt: msk('2026-11-21 10:00'),
    question: 'Можно ли снять наличные с кредитки без комиссии в первый месяц?',
    actorId: 'o.petrov@bank.example',
    platform: 'console',
    department: 'cards',
  });
  const dueTomorrow = w.issue(msk('2026-11-23 08:30'), { category: 'card_blocked', description: 'Клиент просит разблокировать карту' });
  return { w, overdue, waiting, dueToday, handedIn, resolved, dueTomorrow };
}

describe('the department digest', () => {
  it('says what needs the department: overdue with how late, due today and tomorrow, unassigned, new, handed in, reviews, unanswered', () => {
    const { w, overdue, dueToday, handedIn, resolved, dueTomorrow } = cardsWeek();
    w.tickAt(msk('2026-11-23 09:00'));
    const digests = w.digests('cards');
    expect(digests).toHaveLength(2);
    const ru = textOf(digests[1]!.payload.ru);
    expect(ru).toContain('== Дайджест · Отдел банковских карт · понедельник, 23 ноября 2026 ==');
    expect(ru).toContain('Открыто: 5 (новое — 2, назначено — 2, ждём клиента — 1)');
    // Thursday 14:00 → Monday 09:00 is 4 + 9 working hours: one working day and four hours.
    expect(ru).toMatch(new RegExp(`Просрочено \\(1\\)\\n• ${overdue.number} · Блокировка карты · Дмитрий Козлов — «[^»]+» — просрочено на 1 раб\\. дн\\. 4 ч \\(срок 19\\.11 14:00\\)`));
    expect(ru).toContain(`Срок сегодня (1)\n• ${dueToday.number} · Лимиты по карте · James Harris`);
    expect(ru).toMatch(/Срок завтра \(2\)/);
    expect(ru).toContain(`${dueTomorrow.number} · Блокировка карты · не назначен — «Клиент просит разблокировать карту» — до 24.11 18:00`);
    expect(ru).toMatch(new RegExp(`Без исполнителя \\(2\\)\\n• ${handedIn.number}|Без исполнителя \\(2\\)\\n• ${dueTomorrow.number}`));
    // New since Friday 09:00: three routed here, one of them already resolved; the handed-in one is listed apart.
    expect(ru).toContain('Новые с прошлого дайджеста (3)');
    expect(ru).toContain('ещё 1 уже решены или переданы');
    expect(ru).not.toContain(resolved.number);
    expect(ru).toContain(`Переданы из других подразделений (1)\n• ${handedIn.number} · Перевод не поступил`);
    expect(ru).toContain('— из Операционный отдел');
    expect(ru).toMatch(/Пора пересмотреть материалы базы знаний \(\d+\)\n• ответ card-abroad «Работает ли карта за границей\?» — срок пересмотра прошёл 20\.11\.2026/);
    expect(ru).toContain('Вопросы без ответа по вашим темам (1)\n• «Можно ли снять наличные с кредитки без комиссии в первый месяц?» — 21.11 10:00');
    // The paused issue (waiting for the client) is counted but not overdue.
    expect(ru).not.toMatch(/ждём клиента.*просрочено/);

    const en = textOf(digests[1]!.payload.en);
    expect(en).toContain('== Digest · Cards · Monday, 23 November 2026 ==');
    expect(en).toContain('Overdue (1)');
    expect(en).toContain('1 working day 4 h late');
    expect(en).toContain('Handed in by other departments (1)');
    expect(en).toContain('Questions the bot could not answer in your topics (1)');
  });

  it('leaves empty sections out and says an empty digest in one line, or skips it when the department asks', () => {
    const kb = copyBundledKb();
    const file = join(kb, 'departments.yaml');
    const source = readFileSync(file, 'utf8');
    const edited = source.replace("slack: C0LOANS\n    digest:\n      schedule: '09:00'", "slack: C0LOANS\n    digest:\n      schedule: '09:00'\n      skipEmpty: true");
    expect(edited).not.toBe(source);
    writeFileSync(file, edited);
    const w = world(msk('2026-01-12 08:00'), kb);
    w.tickAt(msk('2026-01-12 08:00'));
    w.tickAt(msk('2026-01-12 09:00'));
    const [cards] = w.digests('cards');
    expect(cards?.payload.ru.blocks).toHaveLength(2);
    // The first digest covers the time since the previous working day's 09:00 (31 December: 2025 has no calendar, so weekdays count).
    expect(textOf(cards!.payload.ru)).toMatch(/^== Дайджест · Отдел банковских карт · понедельник, 12 января 2026 ==\nВсё спокойно: открытых обращений нет, нового с 31\.12 09:00 нет\.$/);
    expect(textOf(cards!.payload.en)).toContain('All quiet: no open issues and nothing new since');
    expect(w.digests('loans')).toHaveLength(0);
    expect(w.stores.jobRuns.latest('digest', 'loans')?.outcome).toMatchObject({ messages: 0, skipped: 'empty' });
    w.issue(msk('2026-01-12 12:00'), { category: 'loan_early_repayment', description: 'Досрочное погашение части кредита' });
    w.tickAt(msk('2026-01-13 09:00'));
    expect(w.digests('loans')).toHaveLength(1);
    expect(textOf(w.digests('loans')[0]!.payload.ru)).toContain('Новые с прошлого дайджеста (1)');
  });

  it('warns when a date is past the last production calendar, from December on for the next year', () => {
    // The bundled calendars are 2026 and a provisional 2027: 2028 has none.
    const w = world(msk('2028-01-11 08:00'));
    w.tickAt(msk('2028-01-11 08:00'));
    w.tickAt(msk('2028-01-11 09:00'));
    const ru = textOf(w.digests('cards')[0]!.payload.ru);
    expect(ru).toContain('⚠️ Производственного календаря на 2028 год нет: сроки считаются только по выходным. Добавьте knowledge/base/calendars/2028.yaml.');
    expect(textOf(w.digests('cards')[0]!.payload.en)).toContain('There is no production calendar for 2028');
    expect(w.logLines.some((l) => l.event === 'calendar.missing_year' && l.year === 2028)).toBe(true);
    // A December issue's fifteen working days end in January: the warning comes a month ahead.
    const december = world(msk('2027-12-01 08:00'));
    december.tickAt(msk('2027-12-01 08:00'));
    december.tickAt(msk('2027-12-01 09:00'));
    expect(textOf(december.digests('cards')[0]!.payload.ru)).toContain('календаря на 2028 год нет');
    const november = world(msk('2027-11-30 08:00'));
    november.tickAt(msk('2027-11-30 08:00'));
    november.tickAt(msk('2027-11-30 09:00'));
    expect(textOf(november.digests('cards')[0]!.payload.ru)).not.toContain('2028');
  });

  it('counts a provisional calendar\'s holidays and says in the digest that it is provisional', () => {
    const w = world(msk('2026-12-21 08:00'));
    // Fifteen working days from Monday 21 December 2026 skip 31 December (2026's decree) and 1–8 January
    // (2027, provisional): 22–30 December are 7, 11–15 January 5 more, and 18–20 January the last 3.
    const complaint = w.issue(msk('2026-12-21 10:00'), { category: 'complaint', description: 'Жалоба на отказ в выдаче справки' });
    expect(complaint.dueAt).toBe(msk('2027-01-20 18:00').toISOString());
    w.tickAt(msk('2026-12-22 08:00'));
    w.tickAt(msk('2026-12-22 09:00'));
    const [digest] = w.digests('client_relations');
    expect(textOf(digest!.payload.ru)).toContain('⚠️ Производственный календарь на 2027 год предварительный');
    expect(textOf(digest!.payload.en)).toContain('The production calendar for 2027 is provisional');
    expect(textOf(digest!.payload.ru)).not.toContain('календаря на 2027 год нет');
  });

  it('stays within Slack limits however large the department: bounded sections, and the renderer splits the rest', () => {
    const w = world(msk('2026-03-02 08:00'));
    const long = 'Клиент подробно описывает ситуацию с картой. '.repeat(40);
    const numbers: string[] = [];
    for (let i = 0; i < 240; i++) {
      const issue = w.issue(msk('2026-02-24 10:00'), { category: i % 2 ? 'card_blocked' : 'card_limits', description: `${i}: ${long}` });
      numbers.push(issue.number);
    }
    for (let i = 0; i < 60; i++) w.issue(msk('2026-03-02 08:30'), { category: 'card_dispute', description: `Новое ${i}: ${long}` });
    w.tickAt(msk('2026-03-02 08:00'));
    w.tickAt(msk('2026-03-02 09:00'));
    const [item] = w.digests('cards');
    const ru = textOf(item!.payload.ru);
    expect(ru).toContain('Просрочено (240)');
    expect(ru).toContain('…и ещё 230 — обращение список просроченные');
    expect(ru).toContain('Без исполнителя (300)');
    expect(ru).toContain('…и ещё 290 — обращение список свободные');
    expect(textOf(item!.payload.en)).toContain('…and 230 more — issue list overdue');
    for (const locale of ['ru', 'en'] as const) {
      const reply = item!.payload[locale];
      for (const block of reply.blocks) if (block.type === 'text') expect(block.markdown.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      const messages = renderMessages(reply, { locale });
      expect(messages).toHaveLength(1);
      assertWithinSlackLimits(messages);
    }

    // Unbounded (every item listed), the same digest is far past one message; the renderer splits it.
    const kb = w.kb;
    const calendar = workingCalendarOf(kb);
    const digest = buildDigest({ kb, stores: w.stores, calendar, settings: SETTINGS }, kb.department('cards')!, msk('2026-03-02 09:00'));
    const everything = digestReply(digest, kb, 'ru', { itemsPerSection: 1_000 });
    expect(everything.blocks.some((b) => b.type === 'text' && b.markdown.length > SLACK_LIMITS.sectionText)).toBe(true);
    const messages = renderMessages(everything, { locale: 'ru' });
    expect(messages.length).toBeGreaterThan(1);
    assertWithinSlackLimits(messages);
    const all = JSON.stringify(messages);
    for (const number of numbers) expect(all).toContain(number);
    expect(ITEMS_PER_SECTION).toBe(10);
  });
});

function assertWithinSlackLimits(messages: ReturnType<typeof renderMessages>): void {
  for (const message of messages) {
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(message.blocks.reduce((n, b) => n + blockTextLength(b), 0)).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
    for (const block of message.blocks) {
      if (block.type === 'section') expect(((block.text as { text: string }).text ?? '').length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (block.type === 'header') expect((block.text as { text: string }).text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    }
  }
}
