import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, openHarness } from '../helpers/harness';

const REQUESTER = 'o.petrov@bank.example';
const newIssue = { client: 'Иванов И.', category: 'card_blocked', description: 'Карта заблокирована', channel: 'phone', priority: 'high', vip: 'no' };

describe('rating facts from the audit log', () => {
  let h: Harness;
  beforeEach(() => {
    h = openHarness({ start: '2026-11-26T07:00:00Z' });
  });
  afterEach(() => h.close());

  it('reads routing from the one created event, and from the created + routed pair older issues have, once each', async () => {
    await h.press(REQUESTER, 'issue.new', newIssue);
    const logged = h.core.stores.issues.byNumber('CL-2026-000001')!;
    expect(h.core.stores.issueEvents.history(logged.id).map((e) => e.type)).toEqual(['created']);
    // An issue as an earlier release logged it: 'created' without the route, then 'routed'.
    const older = h.core.stores.issues.insert({ ...logged, number: 'CL-2026-000002', sourceEvent: undefined, department: 'loans' });
    const at = h.clock.now();
    h.core.stores.issueEvents.append(older.id, at, REQUESTER, 'console', 'created', { category: 'card_blocked', priority: 'high', vip: false });
    h.core.stores.issueEvents.append(older.id, at, REQUESTER, 'console', 'routed', { department: 'loans', reasonRu: 'x', reasonEn: 'x' });

    const facts = h.core.stores.ratingData.load(new Date('2026-11-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
    expect(facts.events.map((e) => [e.issueId, e.type, e.data.department])).toEqual([
      [logged.id, 'routed', 'cards'],
      [older.id, 'routed', 'loans'],
    ]);
  });
});
