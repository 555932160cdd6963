// Production's mode (processBeforeResponse off): every request is acked before its work, the work runs
// from the after-ack queue, and a full queue is said to the person rather than dropped.
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_NOTICE } from '../../bot/core/afterAck';
import { type Harness, startHarness, textOf } from './harness';
import { held, until } from '../support/waiting';

const ELENA = 'U0CLIENT01'; // client relations, Russian
const JAMES = 'U0CARDS03'; // cards, English

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Slack acks before the work, the work runs from the after-ack queue', () => {
  it('40 concurrent signed requests are all acked while Slack holds every reply, then each gets its answer exactly once', async () => {
    h = await startHarness({ ackFirst: true });
    const harness = h;
    const slack = held();
    harness.api.hold = slack.hold;
    // auth.test, at start.
    const answeredBefore = harness.api.answered;
    const commands = Array.from({ length: 20 }, (_, i) => `C0ASK${String(i).padStart(2, '0')}`);
    const mentions = Array.from({ length: 20 }, (_, i) => `C0MEN${String(i).padStart(2, '0')}`);
    const responses = await Promise.all([
      ...commands.map((channel) => harness.command('/ask', 'Как заблокировать карту клиента?', { user: ELENA, channel })),
      ...mentions.map((channel, i) =>
        harness.event({ type: 'app_mention', user: JAMES, text: '<@U0BOT> how does a client block a card?', channel, ts: `1767225600.1${String(i).padStart(5, '0')}` }),
      ),
    ]);
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    for (const response of responses) expect(await response.text()).toBe('');
    // Every ack is out while not one call of any request's work has been answered: no ack waited for earlier work.
    expect(harness.api.answered).toBe(answeredBefore);
    expect(harness.adapter.afterAck.pending).toBeGreaterThan(0);

    slack.release();
    await harness.adapter.afterAck.drain();
    const posts = harness.api.callsOf('chat.postMessage').map((c) => c.params);
    for (const channel of commands) {
      const inChannel = posts.filter((p) => p.channel === channel);
      // The question that opens the thread, then the answer in it: once each.
      expect(inChannel.filter((p) => p.thread_ts === undefined)).toHaveLength(1);
      const answers = inChannel.filter((p) => p.thread_ts !== undefined);
      expect(answers).toHaveLength(1);
      expect(textOf(answers[0]!)).toContain('Заблокировать карту можно бесплатно');
    }
    for (const [i, channel] of mentions.entries()) {
      const answers = posts.filter((p) => p.channel === channel);
      expect(answers).toHaveLength(1);
      expect(answers[0]!.thread_ts).toBe(`1767225600.1${String(i).padStart(5, '0')}`);
      expect(textOf(answers[0]!)).toContain('A card can be blocked free of charge');
    }
    expect(harness.logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });

  it('with the queue full, a slash command’s ack says so in Russian and English, a mention gets a private notice, and the accepted work still finishes', async () => {
    h = await startHarness({ ackFirst: true, maxPendingWork: 2 });
    const harness = h;
    const slack = held();
    harness.api.hold = slack.hold;
    // Two questions fill the queue: their work waits on the held Web API.
    for (const channel of ['C0FIRST', 'C0SECOND']) {
      const response = await harness.command('/ask', 'Как заблокировать карту клиента?', { user: ELENA, channel });
      expect(await response.text()).toBe('');
    }
    const refused = await harness.command('/ask', 'выписка по счёту', { user: ELENA, channel: 'C0THIRD' });
    expect(refused.status).toBe(200);
    const body = (await refused.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(BUSY_NOTICE.ru);
    expect(body.text).toContain(BUSY_NOTICE.en);

    const mention = await harness.event({ type: 'app_mention', user: JAMES, text: '<@U0BOT> card limits', channel: 'C0CARDS', ts: '1767225600.000900' });
    expect(mention.status).toBe(200);
    await until(() => harness.api.callsOf('chat.postEphemeral').length > 0, 'the notice to the person who mentioned the bot');
    const [notice] = harness.api.callsOf('chat.postEphemeral').map((c) => c.params);
    expect(notice).toMatchObject({ channel: 'C0CARDS', user: JAMES, thread_ts: '1767225600.000900' });
    expect(textOf(notice!)).toContain(BUSY_NOTICE.ru);
    expect(textOf(notice!)).toContain(BUSY_NOTICE.en);

    const refusals = harness.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'after_ack.refused');
    expect(refusals.map((l) => l.kind)).toEqual(['slack.command', 'slack.app_mention']);

    slack.release();
    await harness.adapter.afterAck.drain();
    const posts = harness.api.callsOf('chat.postMessage').map((c) => c.params);
    for (const channel of ['C0FIRST', 'C0SECOND']) {
      expect(posts.filter((p) => p.channel === channel && p.thread_ts !== undefined)).toHaveLength(1);
    }
    // What was refused was not worked on behind the person's back.
    expect(posts.filter((p) => p.channel === 'C0THIRD' || p.channel === 'C0CARDS')).toEqual([]);
    // With room again, the next question is taken.
    expect(await (await harness.command('/ask', 'выписка по счёту', { user: ELENA, channel: 'C0THIRD' })).text()).toBe('');
    await harness.adapter.afterAck.drain();
    expect(harness.api.callsOf('chat.postMessage').some((c) => c.params.channel === 'C0THIRD' && c.params.thread_ts !== undefined)).toBe(true);
  });
});
