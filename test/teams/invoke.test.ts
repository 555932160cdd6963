import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionsIn } from '../../bot/teams/cards';
import { removeTempDirs } from '../support/files';
import { activities, cardOf, PEOPLE, startTeamsHarness, type TeamsHarness, textIn } from './harness';

afterAll(removeTempDirs);

describe('Teams invokes', () => {
  let h: TeamsHarness;
  let a: ReturnType<typeof activities>;
  beforeEach(async () => {
    h = await startTeamsHarness();
    a = activities(h.serviceUrl);
  });
  afterEach(() => h.stop());

  it('answers Action.Execute (adaptiveCard/action) in the HTTP response with the updated card', async () => {
    await h.post(a.personalMessage(PEOPLE.belova, 'карта'));
    const pick = actionsIn(cardOf(h.connector.posts()[0])).find((x) => (x.data as Record<string, string>).actionId === 'answer.pick')!;
    h.connector.clear();
    const data = pick.data as Record<string, string>;
    const response = await h.post(a.execute(PEOPLE.belova, {}, 'answer.pick', { value: data.value! }));
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textIn(body.value)).toContain(String(pick.title));
    // The card that replaces the pressed one keeps working through invokes.
    expect(actionsIn(body.value).every((x) => x.type === 'Action.Execute')).toBe(true);
    // Nothing was posted: the answer travelled in the response.
    expect(h.connector.posts()).toHaveLength(0);
  });

  it('a retried Action.Execute does the work once and says so', async () => {
    await h.post(a.personalMessage(PEOPLE.belova, 'как заблокировать карту'));
    const helpful = actionsIn(cardOf(h.connector.posts()[0]))[0]!;
    const invoke = a.execute(PEOPLE.belova, {}, 'answer.helpful', { value: (helpful.data as Record<string, string>).value! });
    const first = await h.post(invoke);
    const again = await h.post(invoke);
    expect((first.body as { type: string }).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(again.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Это действие уже выполнено.' });
  });

  it('answers form errors from Action.Execute with a message, so the typed form stays', async () => {
    const response = await h.post(a.execute(PEOPLE.lebedeva, {}, 'issue.new', { client: 'Иванов', category: 'no-such-category', description: 'x' }));
    const body = response.body as { type: string; value: string };
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value).toContain('категорию');
    expect(h.core.stores.db.prepare('SELECT COUNT(*) AS n FROM issues').get()).toEqual({ n: 0 });
  });

  it('refuses an adaptiveCard/action that is not Action.Execute with a 400 invoke response', async () => {
    const invoke = a.execute(PEOPLE.lebedeva, {}, 'issue.new', {});
    (invoke.value.action as { type: string }).type = 'Action.Submit';
    const response = await h.post(invoke);
    expect(response.status).toBe(400);
  });

  it('searches the approved answers from the compose box (message extension)', async () => {
    const response = await h.post(a.search(PEOPLE.egorov, 'заблокировать карту'));
    expect(response.status).toBe(200);
    const result = (response.body as { composeExtension: { type: string; attachmentLayout: string; attachments: Record<string, unknown>[] } }).composeExtension;
    expect(result.type).toBe('result');
    expect(result.attachments.length).toBeGreaterThan(0);
    const [first] = result.attachments as { contentType: string; content: Record<string, unknown>; preview: { contentType: string; content: Record<string, unknown> } }[];
    expect(first?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(first?.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(first?.preview.content.title).toBe('Как заблокировать карту клиента?');
    expect(textIn(first?.content)).toContain('card-block');
    // The inserted card goes into someone else's conversation: none of the bot's own buttons.
    expect(actionsIn(first?.content)).toHaveLength(0);

    // Picking a result returns its card and counts the answer as served, with the (masked) search.
    const tap = (first!.preview.content.tap as { value: unknown }).value;
    const selected = await h.post(a.selectItem(PEOPLE.egorov, tap));
    const picked = (selected.body as { composeExtension: { attachments: { content: unknown }[] } }).composeExtension.attachments[0];
    expect(textIn(picked?.content)).toContain('Как заблокировать карту клиента?');
    const served = h.core.stores.db.prepare('SELECT entry_id, platform, question, decision, actor_id FROM answers_served').all();
    expect(served).toEqual([{ entry_id: 'card-block', platform: 'teams', question: 'заблокировать карту', decision: 'pick', actor_id: PEOPLE.egorov.email }]);
  });

  it('opens the message extension with the standard answers and pages through them', async () => {
    const first = await h.post(a.search(PEOPLE.egorov, '', { parameters: [{ name: 'initialRun', value: 'true' }], queryOptions: { skip: 0, count: 5 } }));
    const second = await h.post(a.search(PEOPLE.egorov, '', { parameters: [{ name: 'initialRun', value: 'true' }], queryOptions: { skip: 5, count: 5 } }));
    const titles = (r: { body: unknown }) =>
      (r.body as { composeExtension: { attachments: { preview: { content: { title: string } } }[] } }).composeExtension.attachments.map((x) => x.preview.content.title);
    expect(titles(first)).toHaveLength(5);
    expect(titles(second)).toHaveLength(5);
    expect(titles(first).filter((t) => titles(second).includes(t))).toEqual([]);
  });

  it('finds nothing for a search that matches nothing', async () => {
    const response = await h.post(a.search(PEOPLE.egorov, 'квантовая хромодинамика'));
    expect((response.body as { composeExtension: { attachments: unknown[] } }).composeExtension.attachments).toEqual([]);
  });
});
