import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderMessages } from '../../bot/render/blockKit';
import { buttonPress, type Harness, startHarness, textOf } from './harness';

// Slack user ids from knowledge/base/departments.yaml.
const ELENA = 'U0CLIENT01'; // client relations, Russian
const JAMES = 'U0CARDS03'; // cards, English

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  // Known to Slack but not by id to the departments file: matched by e-mail from users.info.
  h.api.users.set('U0STRANGE', { id: 'U0STRANGE', email: 'r.gareev@bank.example', name: 'Rinat Gareev', locale: 'ru-RU' });
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.api.clear();
});

function count(sql: string): number {
  return (h.core.stores.db.prepare(sql).get() as { n: number }).n;
}

describe('answers over Slack', () => {
  it('/ask in a channel: the question opens a thread and the answer, with its source and rating buttons, goes in it', async () => {
    const response = await h.command('/ask', 'Как заблокировать карту клиента?', { user: ELENA, channel: 'C0GENERAL' });
    expect(response.status).toBe(200);
    // Acknowledged with an empty body: nothing is shown in place of the command.
    expect(await response.text()).toBe('');
    const posts = h.api.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    const [question, answer] = posts.map((p) => p.params);
    expect(question!.channel).toBe('C0GENERAL');
    expect(question!.text).toBe(`<@${ELENA}> спрашивает: Как заблокировать карту клиента?`);
    expect(question!.thread_ts).toBeUndefined();
    expect(answer!.channel).toBe('C0GENERAL');
    expect(answer!.thread_ts).toBeDefined();
    const text = textOf(answer!);
    expect(text).toContain('Заблокировать карту можно бесплатно');
    expect(text).toContain('Источник: стандартный ответ · card-block');
    const buttons = JSON.stringify(answer!.blocks);
    expect(buttons).toContain('"action_id":"answer.helpful"');
    expect(buttons).toContain('"action_id":"answer.not_helpful"');
  });

  it('a mention in a channel is answered in the thread of that message, the mention itself not searched', async () => {
    const response = await h.event({
      type: 'app_mention',
      user: JAMES,
      text: '<@U0BOT> how does a client block a card?',
      channel: 'C0CARDS',
      ts: '1767225600.000500',
    });
    expect(response.status).toBe(200);
    const [post] = h.api.callsOf('chat.postMessage');
    expect(post!.params.channel).toBe('C0CARDS');
    expect(post!.params.thread_ts).toBe('1767225600.000500');
    // James reads English (departments file), so the answer is in English.
    expect(textOf(post!.params)).toContain('A card can be blocked free of charge');
  });

  it('a direct message is answered in the DM, not in a thread', async () => {
    await h.event({ type: 'message', channel_type: 'im', user: ELENA, text: 'выписка по счёту', channel: 'D0ELENA', ts: '1767225600.000600' });
    const [post] = h.api.callsOf('chat.postMessage');
    expect(post!.params.channel).toBe('D0ELENA');
    expect(post!.params.thread_ts).toBeUndefined();
    expect(textOf(post!.params)).toContain('account-statement');
    // The bot's own messages and edits are not questions.
    await h.event({ type: 'message', channel_type: 'im', bot_id: 'B0BOT', user: 'U0BOT', text: 'answer', channel: 'D0ELENA', ts: '1767225600.000601' });
    await h.event({ type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'D0ELENA', ts: '1767225600.000602' });
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('a retried event (same event id, X-Slack-Retry-Num) is answered once', async () => {
    const eventId = `Ev${randomUUID().slice(0, 8).toUpperCase()}`;
    const event = { type: 'app_mention', user: ELENA, text: '<@U0BOT> карта за границей', channel: 'C0GENERAL', ts: '1767225600.000700' };
    const first = await h.event(event, { eventId });
    const retry = await h.event(event, { eventId, retryNum: 1, retryReason: 'http_timeout' });
    const again = await h.event(event, { eventId, retryNum: 2, retryReason: 'http_timeout' });
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
    expect(h.logLines.some((l) => l.includes('"event.duplicate"') && l.includes(eventId))).toBe(true);
  });

  it('a request with a bad or stale signature is refused with 401 and changes nothing', async () => {
    const served = count('SELECT COUNT(*) AS n FROM answers_served');
    const seen = count('SELECT COUNT(*) AS n FROM inbound_events');
    const forged = await h.command('/ask', 'Как заблокировать карту клиента?', { secret: 'not-the-signing-secret' });
    expect(forged.status).toBe(401);
    // Signed correctly, but 10 minutes old: a replayed request.
    const stale = await h.command('/ask', 'Как заблокировать карту клиента?', { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"event_callback"}' });
    expect(unsigned.status).toBe(401);
    expect(h.api.calls).toEqual([]);
    expect(h.api.responded).toEqual([]);
    expect(count('SELECT COUNT(*) AS n FROM answers_served')).toBe(served);
    expect(count('SELECT COUNT(*) AS n FROM inbound_events')).toBe(seen);
  });

  it('"did you mean" choices are buttons; pressing one answers in the same thread', async () => {
    // The knowledge base changes; pick a question it answers with "did you mean" today.
    const vague = ['вклад проценты', 'карта', 'кредит', 'перевод', 'комиссия', 'pin', 'снять деньги'].find((q) => {
      const outcome = h.core.knowledge.current.searcher.search(q);
      return outcome.decision === 'suggest' && outcome.candidates.length >= 3;
    });
    if (!vague) throw new Error('no question gets "did you mean" from this knowledge base');
    await h.event({ type: 'app_mention', user: ELENA, text: `<@U0BOT> ${vague}`, channel: 'C0GENERAL', ts: '1767225600.000800' });
    const [choices] = h.api.callsOf('chat.postMessage');
    expect(choices!.params.thread_ts).toBe('1767225600.000800');
    const accessories = (choices!.params.blocks as { accessory?: { action_id: string; value: string } }[])
      .map((b) => b.accessory)
      .filter((a): a is { action_id: string; value: string } => !!a);
    expect(accessories.length).toBeGreaterThanOrEqual(3);
    // Slack wants action ids unique within a message.
    expect(accessories.map((a) => a.action_id).slice(0, 3)).toEqual(['answer.pick', 'answer.pick#2', 'answer.pick#3']);
    const second = accessories[1]!;
    const entryId = second.value.split('\u241f')[0];
    h.api.clear();
    const press = await h.interaction(
      buttonPress({ user: ELENA, actionId: second.action_id, value: second.value, channel: 'C0GENERAL', messageTs: '1767225600.000900', threadTs: '1767225600.000800' }),
    );
    expect(press.status).toBe(200);
    const [answer] = h.api.callsOf('chat.postMessage');
    expect(answer!.params.channel).toBe('C0GENERAL');
    expect(answer!.params.thread_ts).toBe('1767225600.000800');
    expect(textOf(answer!.params)).toContain(`${entryId}`);
  });

  it('"helpful" records the rating and thanks only the person who pressed it', async () => {
    await h.command('/ask', 'выписка по счёту', { user: ELENA });
    const answer = h.api.callsOf('chat.postMessage')[1]!;
    const helpful = (answer.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'answer.helpful')!;
    h.api.clear();
    const responseUrl = h.api.responseUrl('helpful');
    await h.interaction(buttonPress({ user: ELENA, actionId: helpful.action_id, value: helpful.value, channel: 'C0GENERAL', responseUrl }));
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(0);
    expect(h.api.responded).toHaveLength(1);
    expect(h.api.responded[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'Спасибо за оценку!' });
    const row = h.core.stores.answerLog.served(Number(helpful.value));
    expect(row?.helpful).toBe(1);
  });

  it('no approved answer: says so and offers to log a client issue', async () => {
    await h.event({ type: 'app_mention', user: ELENA, text: '<@U0BOT> how do I get weather on mars', channel: 'C0GENERAL', ts: '1767225600.001000' });
    const [post] = h.api.callsOf('chat.postMessage');
    expect(textOf(post!.params)).toContain('Утверждённого ответа на этот вопрос нет');
    expect(JSON.stringify(post!.params.blocks)).toContain('"action_id":"answer.log_issue"');
  });

  it('/rights, /product and /help show what the console shows, to the person who asked', async () => {
    for (const [command, line] of [
      ['/rights', 'rights'],
      ['/product', 'product'],
      ['/help', 'help'],
    ] as const) {
      h.api.clear();
      await h.command(command, '', { user: ELENA });
      // The same command run for a console user: the same blocks, rendered for Slack.
      const console = await h.core.dispatcher.handle({
        kind: 'message',
        text: line,
        actor: { ...(await consoleActor()), id: `console-${command}` },
        conversation: { platform: 'console', id: 'console', isDirect: true },
        eventId: randomUUID(),
      });
      if (console.kind !== 'reply') throw new Error('no reply');
      const expected = renderMessages(console.reply, { locale: 'ru' })[0]!.blocks;
      expect(h.api.responded, command).toHaveLength(1);
      expect(h.api.responded[0]!.body.response_type).toBe('ephemeral');
      // Help lists the commands of each platform; rights and products are the same everywhere.
      if (command === '/help') expect(JSON.stringify(h.api.responded[0]!.body.blocks)).toContain('issue new');
      else expect(h.api.responded[0]!.body.blocks).toEqual(expected);
    }
  });

  it('/rights with an article number answers in a thread like /ask', async () => {
    await h.command('/rights', '11', { user: ELENA });
    const [question, answer] = h.api.callsOf('chat.postMessage');
    expect(question!.params.text).toBe(`<@${ELENA}> спрашивает: /rights 11`);
    expect(textOf(answer!.params)).toContain('Статья 11');
  });

  it('/clientdesk-lang en switches the replies to English', async () => {
    await h.command('/clientdesk-lang', 'en', { user: 'U0CLIENT02' });
    expect(h.api.responded[0]!.body.text).toBe('I will reply in English from now on.');
    h.api.clear();
    await h.command('/ask', 'How does a client block a card?', { user: 'U0CLIENT02' });
    expect(textOf(h.api.callsOf('chat.postMessage')[1]!.params)).toContain('A card can be blocked free of charge');
  });

  it('someone the departments file lists by e-mail only is found through users.info, asked once', async () => {
    await h.command('/issue', 'list department', { user: 'U0STRANGE' });
    await h.command('/issue', 'list department', { user: 'U0STRANGE' });
    expect(h.api.callsOf('users.info')).toHaveLength(1);
    expect(h.api.callsOf('users.info')[0]!.params.user).toBe('U0STRANGE');
    // Recognised as a member of Operations: a department list, not "you are not in any department".
    for (const r of h.api.responded) expect(JSON.stringify(r.body)).toContain('Обращения подразделения');
    // People the file lists with their Slack id need no lookup.
    expect(h.api.calls.filter((c) => c.method === 'users.info' && c.params.user === ELENA)).toHaveLength(0);
  });

  it('/clientdesk takes any line of the grammar, a question included', async () => {
    await h.command('/clientdesk', 'как заблокировать карту', { user: ELENA });
    expect(textOf(h.api.callsOf('chat.postMessage').at(-1)!.params)).toContain('card-block');
  });
});

async function consoleActor() {
  const { resolveActor } = await import('../../bot/core/identity');
  return resolveActor(h.core.knowledge.current.kb, { platform: 'console', platformUserId: 'e.smirnova@bank.example', email: 'e.smirnova@bank.example' });
}
