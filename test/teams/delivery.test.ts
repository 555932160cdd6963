import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notification, Reply } from '../../bot/core/types';
import { retryAfter } from '../../bot/teams/deliverer';
import { removeTempDirs } from '../support/files';
import { activities, cardOf, DEPOSITS_CHANNEL, PEOPLE, startTeamsHarness, type TeamsHarness, textIn } from './harness';

afterAll(removeTempDirs);

const say = (text: string): Reply => ({ blocks: [{ type: 'text', markdown: text }], fallbackText: text });
const both = (ru: string, en: string) => ({ ru: say(ru), en: say(en) });

interface OutboxRow {
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

describe('Teams outbox deliverer', () => {
  let h: TeamsHarness;
  let a: ReturnType<typeof activities>;
  beforeEach(async () => {
    h = await startTeamsHarness();
    a = activities(h.serviceUrl);
  });
  afterEach(() => h.stop());

  const enqueue = (n: Notification) => h.core.stores.outbox.enqueue(n, ['teams'], h.clock.now())[0]!;
  const row = (id: number) => h.core.stores.db.prepare('SELECT status, attempts, next_attempt_at, last_error FROM outbox WHERE id = ?').get(id) as OutboxRow;

  it('posts to the department channel named in the departments file, then updates the card in place and answers in its thread', async () => {
    await h.post(a.installedInTeam(PEOPLE.belova, DEPOSITS_CHANNEL));
    h.connector.clear();
    const target = { kind: 'department', departmentId: 'deposits' } as const;
    enqueue({ target, anchor: 'issue:CL-2026-000007', mode: 'post', reply: both('Карточка: новое', 'Card: new') });
    await h.delivery.runOnce();
    const [post] = h.connector.posts();
    // A new post in the channel, not a reply to some activity.
    expect(post?.path).toBe(`/v3/conversations/${DEPOSITS_CHANNEL}/activities`);
    expect(textIn(cardOf(post))).toBe('Карточка: новое');
    const messageId = h.core.stores.anchors.find('issue:CL-2026-000007', 'teams', DEPOSITS_CHANNEL)?.messageId;
    expect(messageId).toBeTruthy();

    enqueue({ target, anchor: 'issue:CL-2026-000007', mode: 'update', reply: both('Карточка: в работе', 'Card: in progress') });
    enqueue({ target, anchor: 'issue:CL-2026-000007', mode: 'thread', reply: both('Взято в работу', 'Taken') });
    await h.delivery.runOnce();
    const [update] = h.connector.updates();
    expect(update?.path).toBe(`/v3/conversations/${DEPOSITS_CHANNEL}/activities/${messageId}`);
    expect(textIn(cardOf(update))).toBe('Карточка: в работе');
    const thread = h.connector.posts()[1];
    expect(thread?.path).toBe(`/v3/conversations/${DEPOSITS_CHANNEL};messageid=${messageId}/activities`);
    expect(textIn(cardOf(thread))).toBe('Взято в работу');
    expect(h.core.stores.outbox.counts()).toEqual({ sent: 3 });
  });

  it('reaches a channel the file names before anyone spoke there, through the tenant it knows', async () => {
    await h.post(a.personalMessage(PEOPLE.lebedeva, 'help'));
    h.connector.clear();
    enqueue({ target: { kind: 'department', departmentId: 'digital' }, mode: 'post', reply: both('Дайджест', 'Digest') });
    await h.delivery.runOnce();
    expect(h.connector.posts().map((c) => c.path)).toEqual(['/v3/conversations/19:digital@thread.tacv2/activities']);
  });

  it('prefers a channel registered with "teams register"', async () => {
    await h.post(a.channelMention(PEOPLE.belova, '19:deposits-new@thread.tacv2', 'teams register deposits'));
    h.connector.clear();
    enqueue({ target: { kind: 'department', departmentId: 'deposits' }, mode: 'post', reply: both('Сюда', 'Here') });
    await h.delivery.runOnce();
    expect(h.connector.posts().map((c) => c.path)).toEqual(['/v3/conversations/19:deposits-new@thread.tacv2/activities']);
  });

  it('skips departments and people with nothing on Teams', async () => {
    await h.post(a.personalMessage(PEOPLE.lebedeva, 'help'));
    h.connector.clear();
    const cards = enqueue({ target: { kind: 'department', departmentId: 'cards' }, mode: 'post', reply: both('x', 'x') });
    const slackPerson = enqueue({ target: { kind: 'person', personId: 'o.petrov@bank.example' }, mode: 'post', reply: both('x', 'x') });
    const committee = enqueue({ target: { kind: 'committee' }, mode: 'post', reply: both('x', 'x') });
    const noCard = enqueue({ target: { kind: 'department', departmentId: 'digital' }, anchor: 'issue:CL-2026-000001', mode: 'update', reply: both('x', 'x') });
    await h.delivery.runOnce();
    for (const id of [cards, slackPerson, committee, noCard]) expect(row(id).status).toBe('skipped');
    expect(h.connector.calls).toHaveLength(0);
  });

  it("writes to a person's personal chat in their language", async () => {
    await h.post(a.personalMessage(PEOPLE.patel, 'help'));
    h.connector.clear();
    enqueue({ target: { kind: 'person', personId: PEOPLE.patel.email }, mode: 'post', reply: both('Статус изменён', 'Status changed') });
    await h.delivery.runOnce();
    const [post] = h.connector.posts();
    expect(post?.path).toBe(`/v3/conversations/a:personal-${PEOPLE.patel.aad}/activities`);
    expect(textIn(cardOf(post))).toBe('Status changed');
  });

  it('opens a personal chat with someone the bot never spoke to, once', async () => {
    await h.post(a.installedInTeam(PEOPLE.belova, DEPOSITS_CHANNEL));
    h.connector.clear();
    enqueue({ target: { kind: 'person', personId: PEOPLE.egorov.email }, mode: 'post', reply: both('Вам назначено обращение', 'Assigned to you') });
    enqueue({ target: { kind: 'person', personId: PEOPLE.egorov.email }, mode: 'post', reply: both('Ещё одно', 'One more') });
    await h.delivery.runOnce();
    const creates = h.connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(creates).toHaveLength(1);
    expect(creates[0]?.body).toMatchObject({ isGroup: false, members: [{ id: PEOPLE.egorov.aad }], tenantId: 'tenant-bank-example' });
    const posts = h.connector.posts();
    expect(posts.map((c) => c.path)).toEqual(['/v3/conversations/a:personal-1/activities', '/v3/conversations/a:personal-1/activities']);
    expect(h.core.stores.teamsConversations.person(PEOPLE.egorov.aad)?.personalReference).toMatchObject({ conversation: { id: 'a:personal-1' } });
  });

  it('leaves throttling (429) to the outbox with the connector\'s Retry-After, calling the connector once', async () => {
    await h.post(a.installedInTeam(PEOPLE.belova, DEPOSITS_CHANNEL));
    h.connector.clear();
    h.connector.override = (call) => (call.method === 'POST' ? { status: 429, headers: { 'Retry-After': '30' }, body: { error: { code: 'Throttled' } } } : undefined);
    const id = enqueue({ target: { kind: 'department', departmentId: 'deposits' }, mode: 'post', reply: both('x', 'x') });
    await h.delivery.runOnce();
    expect(h.connector.calls).toHaveLength(1);
    const throttled = row(id);
    expect(throttled).toMatchObject({ status: 'pending', attempts: 1 });
    expect(throttled.last_error).toContain('429');
    expect(Date.parse(throttled.next_attempt_at) - h.clock.now().getTime()).toBe(30_000);

    // Not before its time; then it goes through.
    h.connector.override = undefined;
    await h.delivery.runOnce();
    expect(h.connector.calls).toHaveLength(1);
    h.clock.set(new Date(h.clock.now().getTime() + 30_000).toISOString());
    await h.delivery.runOnce();
    expect(row(id).status).toBe('sent');
  });

  it('retries server errors and network failures with back-off, and gives up on a permanent refusal', async () => {
    await h.post(a.installedInTeam(PEOPLE.belova, DEPOSITS_CHANNEL));
    h.connector.clear();
    h.connector.override = () => ({ status: 503, body: { error: { code: 'ServiceUnavailable' } } });
    const unavailable = enqueue({ target: { kind: 'department', departmentId: 'deposits' }, mode: 'post', reply: both('x', 'x') });
    await h.delivery.runOnce();
    expect(row(unavailable)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse(row(unavailable).next_attempt_at) - h.clock.now().getTime()).toBe(1_000);

    // The bot was removed from the channel for this one only; the other still meets a busy service.
    h.connector.override = (call) =>
      JSON.stringify(call.body).includes('gone')
        ? { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'removed' } } }
        : { status: 503, body: { error: { code: 'ServiceUnavailable' } } };
    const removed = enqueue({ target: { kind: 'department', departmentId: 'deposits' }, mode: 'post', reply: both('gone', 'gone') });
    h.clock.set(new Date(h.clock.now().getTime() + 1_000).toISOString());
    await h.delivery.runOnce();
    expect(row(removed).status).toBe('failed');
    expect(row(removed).last_error).toContain('403');
    expect(row(unavailable)).toMatchObject({ status: 'pending', attempts: 2 });
    expect(Date.parse(row(unavailable).next_attempt_at) - h.clock.now().getTime()).toBe(2_000);

    // The connector is gone altogether: a network error is retried too.
    await h.connector.stop();
    const offline = enqueue({ target: { kind: 'department', departmentId: 'deposits' }, mode: 'post', reply: both('x', 'x') });
    await h.delivery.runOnce();
    expect(row(offline)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfter('12')).toBe(12_000);
    expect(retryAfter('Mon, 02 Mar 2026 07:01:00 GMT', Date.parse('2026-03-02T07:00:00Z'))).toBe(60_000);
    expect(retryAfter(undefined)).toBeUndefined();
    expect(retryAfter('soon')).toBeUndefined();
  });
});
