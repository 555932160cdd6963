import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderClaimed } from '../../bot/core/issues/issueNotices';
import { silentLogger } from '../../bot/core/logger';
import { type Deliverer, type DeliveryOutcome, OutboxDelivery } from '../../bot/core/outboxDelivery';
import type { Platform } from '../../bot/core/types';
import type { ClaimedItem, OutboxItem } from '../../storage/outbox';
import { type Harness, openHarness, replyText } from '../helpers/harness';

const REQUESTER = 'o.petrov@bank.example';
const CARDS_MEMBER = 'd.kozlov@bank.example';
const newIssue = { client: 'Иванов И.', category: 'card_blocked', description: 'Карта заблокирована', channel: 'phone', priority: 'high', vip: 'no' };

/** Renders what it is given, as the real deliverers do, and answers from a script of outcomes. */
class RenderingDeliverer implements Deliverer {
  readonly sent: OutboxItem[] = [];
  readonly attempts: number[] = [];
  constructor(
    readonly platform: Platform,
    private readonly h: Harness,
    private readonly script: DeliveryOutcome[] = [],
  ) {}
  async deliver(claimed: ClaimedItem): Promise<DeliveryOutcome> {
    this.attempts.push(claimed.id);
    const outcome = this.script.shift() ?? { status: 'sent' };
    const item = renderClaimed(claimed, this.h.core.knowledge.current.kb, this.h.clock.now());
    if ('skip' in item) return { status: 'skipped', reason: item.skip };
    if (outcome.status === 'sent') this.sent.push(item);
    return outcome;
  }
}

describe('notices about issues in the outbox', () => {
  let h: Harness;
  beforeEach(() => {
    h = openHarness({ platforms: ['slack', 'teams'] });
  });
  afterEach(() => h.close());

  const rows = () =>
    h.core.stores.db.prepare('SELECT notice_id AS notice, platform, status FROM outbox WHERE notice_id IS NOT NULL ORDER BY id').all() as {
      notice: number;
      platform: string;
      status: string;
    }[];

  it('stores one small row per notification and delivers it once on each platform, retrying each platform on its own', async () => {
    expect(replyText(await h.press(REQUESTER, 'issue.new', newIssue))).toContain('CL-2026-000001');
    // Written once for both platforms, with nothing rendered: the card and the requester's message.
    const notices = h.core.stores.db.prepare('SELECT kind, platforms, mode FROM issue_notices ORDER BY id').all();
    expect(notices).toEqual([
      { kind: 'card', platforms: 'slack,teams', mode: 'post' },
      { kind: 'requester', platforms: 'slack,teams', mode: 'post' },
    ]);
    expect(rows()).toEqual([]);

    // Slack is down for the first item; Teams is fine.
    const slack = new RenderingDeliverer('slack', h, [{ status: 'retry', error: 'HTTP 503' }]);
    const teams = new RenderingDeliverer('teams', h);
    const delivery = new OutboxDelivery(h.core.stores, [slack, teams], h.clock, silentLogger, { baseBackoffMs: 1_000 });
    await delivery.runOnce();
    expect(teams.sent.map((i) => i.target.kind)).toEqual(['department', 'person']);
    expect(slack.sent.map((i) => i.target.kind)).toEqual(['person']);
    expect(rows().map((r) => `${r.notice}:${r.platform}:${r.status}`)).toEqual(['1:slack:pending', '2:slack:sent', '1:teams:sent', '2:teams:sent']);

    // A second sender (another process) polling too copies and sends nothing twice.
    await new OutboxDelivery(h.core.stores, [new RenderingDeliverer('slack', h), new RenderingDeliverer('teams', h)], h.clock, silentLogger).runOnce();
    h.clock.advance(1_000);
    await delivery.runOnce();
    await delivery.runOnce();
    expect(slack.sent.map((i) => i.target.kind)).toEqual(['person', 'department']);
    expect(teams.sent).toHaveLength(2);
    expect(rows()).toHaveLength(4);
    expect(h.core.stores.outbox.counts()).toEqual({ sent: 4 });

    // The card and the message are rendered in both languages when sent.
    const card = teams.sent[0]!;
    expect(card.anchor).toBe('issue:CL-2026-000001');
    expect(JSON.stringify(card.payload.ru)).toContain('issue.take');
    expect(card.payload.en.fallbackText).toBe('CL-2026-000001 · Card blocked: new');
    expect(teams.sent[1]!.payload.ru.fallbackText).toMatch(/^Обращение CL-2026-000001 зарегистрировано и передано: Отдел банковских карт: .+\. Срок решения: 26\.11\.2026 14:00\.\n_CL-2026-000001 · Блокировка карты_$/);
    expect(teams.sent[1]!.payload.en.fallbackText).toContain('Due: 26 Nov 2026 14:00.');
  });

  it('renders a card from the issue as it is when the card is sent, and each change as a line under it', async () => {
    await h.press(REQUESTER, 'issue.new', newIssue);
    await h.say(CARDS_MEMBER, 'issue take CL-2026-000001');
    const teams = new RenderingDeliverer('teams', h);
    await new OutboxDelivery(h.core.stores, [teams], h.clock, silentLogger).runOnce();
    // Card posted, requester told, card updated, the line in its thread, the requester told again.
    expect(teams.sent.map((i) => `${i.target.kind}:${i.mode}`)).toEqual(['department:post', 'person:post', 'department:update', 'department:thread', 'person:post']);
    // Both cards were sent after the take: both show it.
    for (const card of [teams.sent[0]!, teams.sent[2]!]) expect(card.payload.ru.fallbackText).toBe('CL-2026-000001 · Блокировка карты: назначено');
    expect(teams.sent[3]!.payload.ru.fallbackText).toMatch(/взял\(а\) в работу$/);
    expect(teams.sent[4]!.payload.en.fallbackText).toMatch(/took your issue CL-2026-000001\.\n_CL-2026-000001 · Card blocked_$/);
  });

  it('reaches the outbox once per platform even if its copy is attempted again (unique key, not only the cursor)', async () => {
    await h.press(REQUESTER, 'issue.new', newIssue);
    expect(h.core.stores.outbox.claimDue('slack', h.clock.now(), 10, 60_000)).toHaveLength(2);
    h.core.stores.db.prepare('DELETE FROM outbox_fanout').run();
    expect(h.core.stores.outbox.claimDue('slack', h.clock.now(), 10, 60_000)).toHaveLength(0);
    expect(rows().filter((r) => r.platform === 'slack')).toHaveLength(2);
  });

  it('goes only to the platforms configured when it was written', async () => {
    await h.press(REQUESTER, 'issue.new', newIssue);
    const console = new RenderingDeliverer('console', h);
    await new OutboxDelivery(h.core.stores, [console], h.clock, silentLogger).runOnce();
    expect(console.attempts).toEqual([]);
    expect(rows()).toEqual([]);
  });
});
