import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderClaimed } from '../../bot/core/issues/issueNotices';
import type { OutboxItem } from '../../storage/outbox';
import { type Harness, openHarness, replyText } from '../helpers/harness';

const REQUESTER = 'o.petrov@bank.example'; // client relations
const CARDS_HEAD = 'a.ivanova@bank.example';
const CARDS_MEMBER = 'd.kozlov@bank.example';
const OPERATIONS_HEAD = 's.orlov@bank.example';
const DEPOSITS_HEAD = 'n.belova@bank.example';

const CARD = '4276 3800 1234 5678'; // passes Luhn
const newIssue = {
  client: `Иванов Иван, карта ${CARD}`,
  category: 'card_blocked',
  description: `Карта ${CARD} заблокирована после покупки, клиент звонит с +7 (916) 123-45-67`,
  channel: 'phone',
  priority: 'high',
  vip: 'no',
};

describe('the life of a client issue', () => {
  let h: Harness;
  beforeEach(() => {
    // Thursday 26 November 2026, 10:00 in Moscow.
    h = openHarness({ start: '2026-11-26T07:00:00Z' });
    delivered = [];
  });
  afterEach(() => h.close());

  const issue = (number: string) => h.core.stores.issues.byNumber(number)!;
  // What the console would deliver: claimed from the outbox and rendered, as a deliverer does.
  let delivered: OutboxItem[] = [];
  const outboxFor = (kind: string) => {
    const now = h.clock.now();
    for (const claimed of h.core.stores.outbox.claimDue('console', now, 1_000, 60_000)) {
      const item = renderClaimed(claimed, h.core.knowledge.current.kb, now);
      if ('skip' in item) throw new Error(item.skip);
      delivered.push(item);
      h.core.stores.outbox.markSent(claimed.id, now);
    }
    return delivered.filter((item) => item.target.kind === kind);
  };

  it('is logged from a form, routed with a reason, masked, handed off and back, resolved, and every step is audited', async () => {
    const created = await h.press(REQUESTER, 'issue.new', newIssue);
    expect(created.kind).toBe('reply');
    expect(replyText(created)).toContain('CL-2026-000001');
    let current = issue('CL-2026-000001');
    expect(current.department).toBe('cards');
    expect(current.routeReason.ru).toContain('Блокировка карты');
    expect(current.routeReason.en).toContain('Card blocked');
    expect(current.status).toBe('new');
    // Card blocked, high priority: 1 working hour to respond, 4 to resolve (categories.yaml).
    expect(current.firstResponseDue).toBe('2026-11-26T08:00:00.000Z');
    expect(current.dueAt).toBe('2026-11-26T11:00:00.000Z');

    // The unmasked numbers are stored nowhere.
    expect(current.description).not.toContain('1234 5678');
    expect(current.description).toContain('5678');
    expect(current.client).not.toContain('4276');
    h.core.stores.db.pragma('wal_checkpoint(TRUNCATE)');
    const raw = readFileSync(h.dbFile).toString('latin1');
    expect(raw).not.toContain('4276 3800 1234 5678');
    expect(raw).not.toContain('123-45-67');

    // The department's card with buttons, and the requester told.
    const departmentPosts = outboxFor('department');
    expect(departmentPosts).toHaveLength(1);
    expect(departmentPosts[0]!.target).toEqual({ kind: 'department', departmentId: 'cards' });
    expect(JSON.stringify(departmentPosts[0]!.payload)).toContain('issue.take');
    expect(outboxFor('person')).toHaveLength(1);

    // A member of the department takes it: the first response is recorded.
    h.clock.advance(20 * 60_000);
    const taken = await h.press(CARDS_MEMBER, 'issue.take', { value: 'CL-2026-000001' });
    expect(replyText(taken)).toContain('CL-2026-000001');
    current = issue('CL-2026-000001');
    expect(current.assignee).toBe(CARDS_MEMBER);
    expect(current.status).toBe('assigned');
    expect(current.firstResponseAt).toBe('2026-11-26T07:20:00.000Z');

    // Someone else can't take it again; another department can't change it; the requester can comment only.
    expect(replyText(await h.say(CARDS_HEAD, 'issue take CL-2026-000001'))).toMatch(/уже взял/);
    expect(replyText(await h.say(DEPOSITS_HEAD, 'обращение решить CL-2026-000001 5 готово'))).toMatch(/могут сотрудники подразделения/);
    expect(replyText(await h.say(REQUESTER, 'issue resolve CL-2026-000001 готово'))).toMatch(/могут сотрудники подразделения/);
    expect(replyText(await h.say(REQUESTER, 'issue comment CL-2026-000001 клиент перезвонил'))).toContain('Комментарий добавлен');

    // Handed off to operations, then back to cards.
    const handoffForm = await h.press(CARDS_MEMBER, 'issue.handoff', { value: 'CL-2026-000001' });
    expect(handoffForm.kind === 'reply' && handoffForm.reply.blocks[0]?.type).toBe('form');
    await h.press(CARDS_MEMBER, 'issue.handoff', { number: 'CL-2026-000001', department: 'operations', reason: 'нужна проверка операций' });
    current = issue('CL-2026-000001');
    expect(current.department).toBe('operations');
    expect(current.assignee).toBeUndefined();
    expect(current.handoffs).toBe(1);
    // Both departments hear of it: cards' card is updated, operations gets a card of its own.
    const afterHandoff = outboxFor('department').map((r) => [r.target.kind === 'department' && r.target.departmentId, r.mode]);
    expect(afterHandoff).toContainEqual(['cards', 'update']);
    expect(afterHandoff).toContainEqual(['operations', 'post']);

    expect(replyText(await h.say(CARDS_MEMBER, 'issue take CL-2026-000001'))).toMatch(/могут сотрудники подразделения «Операционный отдел»/);
    await h.say(OPERATIONS_HEAD, 'issue handoff CL-2026-000001 cards операции в порядке, вопрос по карте');
    current = issue('CL-2026-000001');
    expect(current.department).toBe('cards');
    expect(current.handoffs).toBe(2);

    await h.say(CARDS_HEAD, 'issue take CL-2026-000001');
    await h.press(CARDS_HEAD, 'issue.resolve', { number: 'CL-2026-000001', resolution: 'Карта разблокирована', satisfaction: '4' });
    current = issue('CL-2026-000001');
    expect(current.status).toBe('resolved');
    expect(current.satisfaction).toBe(4);
    const dms = outboxFor('person').map((r) => r.payload.ru.fallbackText);
    expect(dms.at(-1)).toContain('решено: Карта разблокирована');

    // The history, from the audit log, in order.
    const history = replyText(await h.say(REQUESTER, 'issue show CL-2026-000001'));
    const order = ['зарегистрировал(а) обращение · маршрут: Отдел банковских карт', 'взял(а) в работу', 'комментарий', 'Отдел банковских карт → Операционный отдел', 'Операционный отдел → Отдел банковских карт', 'решено'];
    let at = -1;
    for (const step of order) {
      const next = history.indexOf(step, at + 1);
      expect(next, step).toBeGreaterThan(at);
      at = next;
    }
    // Someone unrelated may not see it.
    expect(replyText(await h.say(DEPOSITS_HEAD, 'issue show CL-2026-000001'))).toMatch(/видят только/);

    // Reopened by the requester, then the audit log refuses to be rewritten.
    await h.say(REQUESTER, 'issue reopen CL-2026-000001 клиент снова не может платить');
    expect(issue('CL-2026-000001').status).toBe('reopened');
    expect(() => h.core.stores.db.prepare('UPDATE issue_events SET actor = ?').run('x')).toThrow(/append-only/);
    expect(() => h.core.stores.db.prepare('DELETE FROM issue_events').run()).toThrow(/append-only/);
  });

  it('logs one issue when the platform delivers the same event twice', async () => {
    const first = await h.press(REQUESTER, 'issue.new', newIssue, 'slack-event-1');
    const second = await h.press(REQUESTER, 'issue.new', newIssue, 'slack-event-1');
    expect(first.kind).toBe('reply');
    expect(second.kind).toBe('duplicate');
    expect(h.core.stores.db.prepare('SELECT COUNT(*) AS n FROM issues').get()).toEqual({ n: 1 });
  });

  it('shows the form again with errors next to the fields', async () => {
    const result = await h.press(REQUESTER, 'issue.new', { ...newIssue, category: 'no-such', description: 'x' });
    expect(result.kind).toBe('form_errors');
    if (result.kind === 'form_errors') {
      expect(Object.keys(result.errors).sort()).toEqual(['category', 'description']);
    }
    expect(h.core.stores.db.prepare('SELECT COUNT(*) AS n FROM issues').get()).toEqual({ n: 0 });
  });

  it('lets one of two people taking the same issue at once win, and tells the other', async () => {
    await h.press(REQUESTER, 'issue.new', newIssue);
    // A second bot process on the same database file.
    const other = openHarness({ dir: h.dir, start: '2026-11-26T07:05:00Z' });
    try {
      const results = await Promise.all([
        h.say(CARDS_MEMBER, 'issue take CL-2026-000001'),
        other.say(CARDS_HEAD, 'issue take CL-2026-000001'),
      ]);
      const texts = results.map(replyText);
      expect(texts.filter((t) => /Вы взяли/.test(t))).toHaveLength(1);
      expect(texts.filter((t) => /уже взял|только что взял/.test(t))).toHaveLength(1);
      const events = h.core.stores.db.prepare(`SELECT COUNT(*) AS n FROM issue_events WHERE type = 'taken'`).get();
      expect(events).toEqual({ n: 1 });
    } finally {
      other.core.close();
    }
  });

  it('refuses a stale write even when the rule check passed (version check)', async () => {
    await h.press(REQUESTER, 'issue.new', newIssue);
    const stale = issue('CL-2026-000001');
    expect(h.core.stores.issues.update({ ...stale, assignee: CARDS_HEAD })).toBe(true);
    expect(h.core.stores.issues.update({ ...stale, assignee: CARDS_MEMBER })).toBe(false);
    expect(issue('CL-2026-000001').assignee).toBe(CARDS_HEAD);
  });

  it('routes by keyword and branch rules, explaining why', async () => {
    await h.press(REQUESTER, 'issue.new', { ...newIssue, description: 'Клиенту позвонил мошенник и он перевёл деньги' });
    expect(issue('CL-2026-000001').department).toBe('operations');
    expect(issue('CL-2026-000001').routeReason.ru).toMatch(/мошенн/);
    await h.press(REQUESTER, 'issue.new', { ...newIssue, category: 'branch_service', description: 'Очередь в офисе два часа', branch: 'Екатеринбург, ул. Ленина' });
    expect(issue('CL-2026-000002').department).toBe('branch_ekb');
    await h.press(REQUESTER, 'issue.new', { ...newIssue, category: 'other', description: 'Просит перезвонить по поводу подарка' });
    expect(issue('CL-2026-000003').department).toBe('client_relations');
  });

  it('gives complaints the regulatory 15 working days, extendable once, and tells the requester why', async () => {
    // Friday 20 November 2026, 15:00 Moscow.
    h.clock.set('2026-11-20T12:00:00Z');
    await h.press(REQUESTER, 'issue.new', { ...newIssue, category: 'complaint', priority: 'normal', description: 'Клиент недоволен обслуживанием в офисе' });
    const complaint = issue('CL-2026-000001');
    expect(complaint.regulatory).toBe(true);
    // 15 working days after 20 Nov: 23–27 Nov, 30 Nov–4 Dec, 7–11 Dec → due at the close of Fri 11 Dec (18:00 MSK).
    expect(complaint.dueAt).toBe('2026-12-11T15:00:00.000Z');
    expect(replyText(await h.say('e.smirnova@bank.example', 'issue extend CL-2026-000001 11 нужен ответ партнёра'))).toMatch(/от 1 до 10/);
    await h.say('e.smirnova@bank.example', 'issue extend CL-2026-000001 10 ждём ответа платёжной системы');
    // 10 more working days: 14–18, 21–25 Dec → Fri 25 Dec 18:00 MSK.
    expect(issue('CL-2026-000001').dueAt).toBe('2026-12-25T15:00:00.000Z');
    expect(replyText(await h.say('e.smirnova@bank.example', 'issue extend CL-2026-000001 2 ещё'))).toMatch(/один раз/);
    const dm = outboxFor('person').at(-1)!;
    expect(dm.payload.ru.fallbackText).toContain('ждём ответа платёжной системы');
    expect(dm.payload.en.fallbackText).toContain('is extended by 10 working days, to 25 Dec 2026 18:00');
  });

  it('pauses an internal clock while waiting for the client, and only there', async () => {
    await h.press(REQUESTER, 'issue.new', { ...newIssue, category: 'card_reissue', priority: 'normal' });
    const before = issue('CL-2026-000001');
    await h.say(CARDS_MEMBER, 'issue take CL-2026-000001');
    await h.say(CARDS_MEMBER, 'issue status CL-2026-000001 waiting_client');
    // Two working hours later (12:00 → 14:00 Moscow) the client answers.
    h.clock.advance(2 * 3600_000);
    await h.say(CARDS_MEMBER, 'issue status CL-2026-000001 in_progress');
    const after = issue('CL-2026-000001');
    expect(after.pausedHours).toBeCloseTo(2, 5);
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime());
    expect(replyText(await h.say(CARDS_MEMBER, 'issue status CL-2026-000001 new'))).toMatch(/нельзя перейти/);
  });

  it('gives VIP clients the tighter first-response time', async () => {
    await h.press(REQUESTER, 'issue.new', { ...newIssue, category: 'card_reissue', priority: 'normal', vip: 'yes' });
    // card_reissue normal: 8h; VIP: 1h (routing.yaml) → 11:00 Moscow.
    expect(issue('CL-2026-000001').firstResponseDue).toBe('2026-11-26T08:00:00.000Z');
  });
});

describe('forms for changes', () => {
  it('refuses before showing the form to someone who may not change the issue', async () => {
    const h = openHarness();
    try {
      await h.press(REQUESTER, 'issue.new', newIssue);
      for (const action of ['issue.handoff', 'issue.resolve']) {
        const refused = await h.press(DEPOSITS_HEAD, action, { value: 'CL-2026-000001' });
        expect(refused.kind === 'reply' && refused.reply.blocks.some((b) => b.type === 'form')).toBe(false);
        expect(replyText(refused)).toMatch(/могут сотрудники подразделения/);
      }
      const offered = await h.press(CARDS_MEMBER, 'issue.resolve', { value: 'CL-2026-000001' });
      expect(offered.kind === 'reply' && offered.reply.blocks[0]?.type).toBe('form');
    } finally {
      h.close();
    }
  });
});
