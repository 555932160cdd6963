import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inBothLocales } from '../../bot/core/i18n';
import type { Locale, Notification, Reply } from '../../bot/core/types';
import { type Harness, startHarness, textOf } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  h.api.users.set('U0GAREEV', { id: 'U0GAREEV', email: 'r.gareev@bank.example', name: 'Rinat Gareev' });
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.api.clear();
});

const card = (text: string) =>
  inBothLocales(
    (l: Locale): Reply => ({
      blocks: [
        { type: 'text', markdown: l === 'ru' ? `Карточка: ${text}` : `Card: ${text}` },
        { type: 'buttons', buttons: [{ label: l === 'ru' ? 'Взять' : 'Take', actionId: 'issue.take', value: text }] },
      ],
      fallbackText: text,
    }),
  );

function enqueue(notification: Notification): number {
  const [id] = h.core.stores.transaction(() => h.core.stores.outbox.enqueue(notification, ['slack'], h.clock.now()));
  return id!;
}

function status(id: number): { status: string; attempts: number; last_error: string | null } {
  return h.core.stores.db.prepare('SELECT status, attempts, last_error FROM outbox WHERE id = ?').get(id) as never;
}

describe('Slack deliverer for the outbox', () => {
  it("posts a department's card, edits it in place, and puts the history in its thread", async () => {
    enqueue({ target: { kind: 'department', departmentId: 'cards' }, anchor: 'issue:CL-2026-900001', mode: 'post', reply: card('CL-2026-900001 новое') });
    await h.delivery.runOnce();
    const [post] = h.api.callsOf('chat.postMessage');
    expect(post!.params.channel).toBe('C0CARDS');
    // A department channel reads Russian.
    expect(textOf(post!.params)).toContain('Карточка: CL-2026-900001 новое');
    const anchor = h.core.stores.anchors.find('issue:CL-2026-900001', 'slack', 'channel:C0CARDS');
    expect(anchor?.channel).toBe('C0CARDS');

    enqueue({ target: { kind: 'department', departmentId: 'cards' }, anchor: 'issue:CL-2026-900001', mode: 'update', reply: card('CL-2026-900001 в работе') });
    enqueue({
      target: { kind: 'department', departmentId: 'cards' },
      anchor: 'issue:CL-2026-900001',
      mode: 'thread',
      reply: inBothLocales((l) => ({ blocks: [{ type: 'text', markdown: l === 'ru' ? 'Взято в работу' : 'Taken' }], fallbackText: 'taken' })),
    });
    await h.delivery.runOnce();
    const [update] = h.api.callsOf('chat.update');
    expect(update!.params).toMatchObject({ channel: 'C0CARDS', ts: anchor!.messageId });
    expect(textOf(update!.params)).toContain('в работе');
    const thread = h.api.callsOf('chat.postMessage')[1]!;
    expect(thread.params).toMatchObject({ channel: 'C0CARDS', thread_ts: anchor!.messageId, text: 'taken' });
  });

  it('a Web API failure (HTTP 500) is retried from the outbox with back-off', async () => {
    h.api.failNext('chat.postMessage', { status: 500, body: { ok: false, error: 'internal_error' } });
    const id = enqueue({ target: { kind: 'department', departmentId: 'operations' }, reply: card('CL-2026-900002') });
    await h.delivery.runOnce();
    expect(status(id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'http_500' });
    // Not due yet: nothing is sent again.
    await h.delivery.runOnce();
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
    h.clock.advance(3_000);
    await h.delivery.runOnce();
    expect(status(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(h.api.callsOf('chat.postMessage')[1]!.params.channel).toBe('C0OPER');
  });

  it("HTTP 429 is retried no sooner than Slack's Retry-After", async () => {
    h.api.failNext('chat.postMessage', { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } });
    const id = enqueue({ target: { kind: 'department', departmentId: 'loans' }, reply: card('CL-2026-900003') });
    await h.delivery.runOnce();
    expect(status(id)).toMatchObject({ status: 'pending', last_error: 'ratelimited' });
    h.clock.advance(10_000);
    await h.delivery.runOnce();
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
    h.clock.advance(21_000);
    await h.delivery.runOnce();
    expect(status(id).status).toBe('sent');
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(2);
  });

  it('a permanent Slack error (the bot is not in the channel) fails without retrying', async () => {
    h.api.failNext('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    const id = enqueue({ target: { kind: 'department', departmentId: 'deposits' }, reply: card('CL-2026-900004') });
    await h.delivery.runOnce();
    expect(status(id)).toMatchObject({ status: 'failed', last_error: 'not_in_channel' });
  });

  it("DMs a person in their language: by the file's Slack id, by e-mail lookup, or skips them", async () => {
    const james = enqueue({ target: { kind: 'person', personId: 'j.harris@bank.example' }, reply: card('CL-2026-900005') });
    const rinat = enqueue({ target: { kind: 'person', personId: 'r.gareev@bank.example' }, reply: card('CL-2026-900006') });
    const byId = enqueue({ target: { kind: 'person', personId: 'slack:U0LOANS01' }, reply: card('CL-2026-900007') });
    const nobody = enqueue({ target: { kind: 'person', personId: 'teams:aad-object-id' }, reply: card('CL-2026-900008') });
    await h.delivery.runOnce();
    const posts = h.api.callsOf('chat.postMessage');
    expect(posts.map((p) => p.params.channel)).toEqual(['U0CARDS03', 'U0GAREEV', 'U0LOANS01']);
    expect(textOf(posts[0]!.params)).toContain('Card: CL-2026-900005');
    expect(textOf(posts[1]!.params)).toContain('Карточка: CL-2026-900006');
    expect(h.api.callsOf('users.lookupByEmail').map((c) => c.params.email)).toEqual(['r.gareev@bank.example']);
    expect([status(james).status, status(rinat).status, status(byId).status, status(nobody).status]).toEqual(['sent', 'sent', 'sent', 'skipped']);
  });

  it('an answer Slack failed to take is not lost: the outbox posts it in the same thread', async () => {
    h.api.failNext('chat.postMessage', { status: 503, body: { ok: false, error: 'service_unavailable' } });
    await h.event({ type: 'app_mention', user: 'U0CLIENT01', text: '<@U0BOT> карта за границей', channel: 'C0GENERAL', ts: '1767225600.002000' });
    expect(h.logLines.some((l) => l.includes('"slack.reply_to_outbox"'))).toBe(true);
    await h.delivery.runOnce();
    const posts = h.api.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.params).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1767225600.002000' });
    expect(textOf(posts[1]!.params)).toContain('card-abroad');
  });
});
