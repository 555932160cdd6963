import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveActor } from '../../bot/core/identity';
import { IssueDesk, type NewIssueInput } from '../../bot/core/issues/issueDesk';
import { silentLogger } from '../../bot/core/logger';
import { type Harness, openHarness, replyText } from '../helpers/harness';

const REQUESTER = 'o.petrov@bank.example'; // client relations

const input = (n: number): NewIssueInput => ({
  client: `Клиент ${n}, карта 4276 3800 1234 5678`,
  vip: false,
  category: 'card_blocked',
  channel: 'phone',
  priority: 'normal',
  description: `Карта заблокирована после покупки (${n})`,
});

describe('issues logged at the same moment (group commit)', () => {
  let h: Harness;
  beforeEach(() => {
    h = openHarness({ start: '2026-11-26T07:00:00Z' });
  });
  afterEach(() => h.close());

  const deskFor = (eventKey: string) => {
    const kb = h.core.knowledge.current.kb;
    return new IssueDesk({
      kb,
      stores: h.core.stores,
      clock: h.clock,
      zone: 'Europe/Moscow',
      secret: 'test-secret',
      platforms: ['console'],
      log: silentLogger,
      actor: resolveActor(kb, { platform: 'console', platformUserId: REQUESTER, email: REQUESTER }),
      platform: 'console',
      eventKey,
    });
  };

  it('numbers them in order, each with its audit event and notices, masked', async () => {
    const issues = await Promise.all(Array.from({ length: 12 }, (_, n) => deskFor(`console:e${n}`).createGrouped(input(n))));
    expect(issues.map((i) => i.number)).toEqual(Array.from({ length: 12 }, (_, n) => `CL-2026-${String(n + 1).padStart(6, '0')}`));
    for (const issue of issues) {
      const stored = h.core.stores.issues.byNumber(issue.number)!;
      expect(stored.client).not.toContain('1234 5678');
      expect(h.core.stores.issueEvents.history(stored.id).map((e) => e.type)).toEqual(['created']);
    }
  });

  it('logs one issue for one event, even when the platform retries it within the same group', async () => {
    const [first, retry] = await Promise.all([deskFor('console:same').createGrouped(input(1)), deskFor('console:same').createGrouped(input(1))]);
    expect(retry!.number).toBe(first!.number);
    expect(h.core.stores.issues.bySourceEvent('console:same')?.number).toBe(first!.number);
    expect(await deskFor('console:other').createGrouped(input(2))).toMatchObject({ number: 'CL-2026-000002' });
  });

  it('is what the chat command uses: forms submitted together are all logged and confirmed', async () => {
    const values = { client: 'Иванов Иван', category: 'card_blocked', description: 'Карта заблокирована после покупки', channel: 'phone', priority: 'normal', vip: 'no' };
    const replies = await Promise.all(Array.from({ length: 5 }, () => h.press(REQUESTER, 'issue.new', values)));
    const numbers = replies.map((r) => replyText(r).match(/CL-2026-\d{6}/)?.[0]).sort();
    expect(numbers).toEqual(['CL-2026-000001', 'CL-2026-000002', 'CL-2026-000003', 'CL-2026-000004', 'CL-2026-000005']);
  });
});
