import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { escalationOf } from '../../bot/core/digest/settings';
import type { Issue } from '../../bot/core/issues/model';
import type { OutboxItem } from '../../storage/outbox';
import { copyBundledKb, loadKb, msk, removeTempDirs, textOf, World } from './support';

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

const isEscalation = (i: OutboxItem) => textOf(i.payload.ru).startsWith('== ⚠️ Эскалация');
const toHead = (w: World) => w.toPerson('a.ivanova@bank.example').filter(isEscalation).map((i) => textOf(i.payload.ru));
const toCommittee = (w: World) => w.outbox((t) => t.kind === 'committee').map((i) => textOf(i.payload.ru));
const levels = (w: World, issue: Issue) =>
  w.stores.issueEvents
    .history(issue.id)
    .filter((e) => e.type === 'escalated')
    .map((e) => e.data.level);

/** Two cards issues due Monday 2 March 2026 at 14:00, one of them a VIP client's. */
function overdueMonday(kbFolder?: string) {
  const w = world(msk('2026-03-02 08:00'), kbFolder);
  w.tickAt(msk('2026-03-02 08:00'));
  const plain = w.issue(msk('2026-03-02 10:00'), { category: 'card_blocked', priority: 'high', description: 'Карта заблокирована' });
  const vip = w.issue(msk('2026-03-02 10:00'), { category: 'card_blocked', priority: 'high', vip: true, description: 'Карта VIP-клиента заблокирована' });
  w.clock.set(msk('2026-03-02 10:05'));
  w.desk('d.kozlov@bank.example').take(plain.number);
  return { w, plain, vip };
}

describe('escalation', () => {
  it('goes to the head when overdue, to the committee for a VIP at once and for others after the margin, once per level', () => {
    const { w, plain, vip } = overdueMonday();
    w.tickAt(msk('2026-03-02 13:45'));
    expect(toHead(w)).toHaveLength(0);

    w.tickAt(msk('2026-03-02 14:15'));
    const head = toHead(w);
    expect(head).toHaveLength(1);
    expect(head[0]).toContain('Обращения (2)');
    expect(head[0]).toContain(`${plain.number} · Блокировка карты · Дмитрий Козлов`);
    expect(head[0]).toContain(`${vip.number} · Блокировка карты · VIP · не назначен`);
    let committee = toCommittee(w);
    expect(committee).toHaveLength(1);
    expect(committee[0]).toContain(vip.number);
    expect(committee[0]).toContain('· VIP-клиент');
    expect(committee[0]).not.toContain(plain.number);
    expect(levels(w, plain)).toEqual(['head']);
    expect(levels(w, vip)).toEqual(['head', 'committee']);

    // Monday 14:00 + 2 working days of 9 h = Wednesday 14:00; until then nothing more.
    for (const at of ['2026-03-02 17:00', '2026-03-03 09:00', '2026-03-04 13:45']) w.tickAt(msk(at));
    w.restart();
    w.tickAt(msk('2026-03-04 14:00'));
    expect(toCommittee(w)).toHaveLength(1);
    w.tickAt(msk('2026-03-04 14:15'));
    committee = toCommittee(w).map((text) => `${text}\n`);
    expect(committee).toHaveLength(2);
    expect(committee[1]).toContain(`${plain.number} · Блокировка карты · Дмитрий Козлов — «Карта заблокирована» · Отдел банковских карт — срок 02.03 14:00, просрочено на 2 раб. дн.\n`);
    expect(levels(w, plain)).toEqual(['head', 'committee']);

    for (const at of ['2026-03-04 17:00', '2026-03-05 09:00', '2026-03-10 12:00']) w.tickAt(msk(at));
    expect(toHead(w)).toHaveLength(1);
    expect(toCommittee(w)).toHaveLength(2);
    expect(levels(w, plain)).toEqual(['head', 'committee']);
    expect(levels(w, vip)).toEqual(['head', 'committee']);
    const event = w.stores.issueEvents.history(plain.id).find((e) => e.type === 'escalated' && e.data.level === 'committee');
    expect(event).toMatchObject({ actor: 'system', data: { to: 'committee', reason: 'late' } });
    // The committee's own weekly digest (Mondays; 9 March is a holiday) lists what was escalated to it and is still open.
    w.tickAt(msk('2026-03-16 09:00'));
    const committeeDigest = w.digests('committee').map((i) => textOf(i.payload.ru)).at(-1) ?? '';
    expect(committeeDigest).toContain('Эскалированы в комитет и ещё открыты (2)');
  });

  it('takes the margin and the reminder share from routing.yaml (defaults 2 days and 80 %)', () => {
    expect(escalationOf(loadKb())).toEqual({ committeeAfterDays: 2, reminderShare: 0.8 });
    const kb = copyBundledKb();
    const file = join(kb, 'routing.yaml');
    const source = readFileSync(file, 'utf8');
    const edited = source.replace('committeeAfterDays: 2', 'committeeAfterDays: 1');
    expect(edited).not.toBe(source);
    writeFileSync(file, edited.replace(/ {2}escalation:\n(?: {4}.*\n)*/, (block) => block.replace('reminderShare: 0.8', 'reminderShare: 0.5')));
    expect(escalationOf(loadKb(kb))).toEqual({ committeeAfterDays: 1, reminderShare: 0.5 });
    const { w, plain } = overdueMonday(kb);
    w.tickAt(msk('2026-03-02 14:15'));
    w.tickAt(msk('2026-03-03 13:45'));
    expect(levels(w, plain)).toEqual(['head']);
    w.tickAt(msk('2026-03-03 14:15'));
    expect(levels(w, plain)).toEqual(['head', 'committee']);
  });

  it('leaves alone an issue whose clock is paused while waiting for the client', () => {
    const { w, plain } = overdueMonday();
    w.clock.set(msk('2026-03-02 11:00'));
    w.desk('d.kozlov@bank.example').setStatus(plain.number, 'waiting_client');
    for (const at of ['2026-03-02 14:15', '2026-03-05 10:00']) w.tickAt(msk(at));
    expect(levels(w, plain)).toEqual([]);
  });
});
