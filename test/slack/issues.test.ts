import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttonPress, type Harness, startHarness, textOf, viewSubmission } from './harness';
import type { ApiCall } from './standInSlack';

// People and channels from knowledge/base/departments.yaml.
const ELENA = 'U0CLIENT01'; // client relations: logs the issue
const ANNA = 'U0CARDS01'; // cards: takes it, hands it off
const SERGEY = 'U0OPER01'; // operations: takes it, resolves it
const CARDS = 'C0CARDS';
const OPERATIONS = 'C0OPER';

interface OpenedView {
  callback_id: string;
  private_metadata: string;
  title: { text: string };
  blocks: { type: string; block_id?: string; element?: { type: string; initial_value?: string; options?: { value: string }[] } }[];
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.api.clear();
});

function lastView(): OpenedView {
  const open = h.api.callsOf('views.open').at(-1);
  if (!open) throw new Error('no modal was opened');
  return open.params.view as OpenedView;
}

function buttonsOf(call: ApiCall): { action_id: string; value: string }[] {
  return (call.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);
}

async function submit(user: string, view: OpenedView, values: Record<string, string>): Promise<{ status: number; body: string }> {
  const response = await h.interaction(viewSubmission({ user, view, values }));
  return { status: response.status, body: await response.text() };
}

describe('the issue desk over Slack', () => {
  it('from the modal to a resolution, across two departments', async () => {
    // 1. /issue opens the form in a modal.
    await h.command('/issue', '', { user: ELENA, channel: 'C0GENERAL' });
    const form = lastView();
    expect(form.callback_id).toBe('issue.new');
    expect(form.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual([
      'client',
      'category',
      'description',
      'channel',
      'priority',
      'vip',
      'branch',
    ]);
    expect(JSON.parse(form.private_metadata)).toMatchObject({ c: 'C0GENERAL' });

    // 2. Validation happens in the modal: the error is shown next to the field, nothing is created.
    const invalid = await submit(ELENA, form, { client: 'Иванов И. И.', category: 'card_blocked', description: 'abc' });
    expect(invalid.status).toBe(200);
    const errors = JSON.parse(invalid.body) as { response_action: string; errors: Record<string, string> };
    expect(errors.response_action).toBe('errors');
    expect(Object.keys(errors.errors)).toEqual(['description']);
    expect(errors.errors.description).toContain('Опишите суть обращения');
    expect(h.core.stores.db.prepare('SELECT COUNT(*) AS n FROM issues').get()).toEqual({ n: 0 });

    // 3. A valid submission closes the modal, logs the issue and tells the requester where it went.
    h.api.clear();
    const valid = await submit(ELENA, form, {
      client: 'Иванов И. И.',
      category: 'card_blocked',
      description: 'Карта 4276 1234 5678 9012 заблокирована в поездке, клиент не может расплатиться',
      channel: 'phone',
      priority: 'high',
      vip: 'no',
    });
    expect(valid).toEqual({ status: 200, body: '' });
    const [confirmation] = h.api.callsOf('chat.postEphemeral');
    expect(confirmation!.params).toMatchObject({ channel: 'C0GENERAL', user: ELENA });
    const number = /CL-\d{4}-\d{6}/.exec(textOf(confirmation!.params))![0];
    expect(textOf(confirmation!.params)).toContain(`Обращение ${number} зарегистрировано`);
    // Only the requester saw it: nothing posted publicly where /issue was typed.
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(0);

    // 4. The outbox posts the card to the responsible department with take / hand off / resolve.
    await h.delivery.runOnce();
    const cardPost = h.api.callsOf('chat.postMessage').find((c) => c.params.channel === CARDS)!;
    expect(textOf(cardPost.params)).toContain(number);
    // The card number typed into the form never reaches Slack.
    expect(JSON.stringify(h.api.calls)).not.toContain('4276 1234 5678 9012');
    expect(textOf(cardPost.params)).toContain('•••• •••• •••• 9012');
    expect(buttonsOf(cardPost).map((b) => [b.action_id, b.value])).toEqual([
      ['issue.take', number],
      ['issue.handoff', number],
      ['issue.resolve', number],
    ]);
    const requesterDm = h.api.callsOf('chat.postMessage').find((c) => c.params.channel === ELENA)!;
    expect(requesterDm.params.text).toContain(`Обращение ${number} зарегистрировано и передано`);
    const cardsAnchor = h.core.stores.anchors.find(`issue:${number}`, 'slack', `channel:${CARDS}`)!;

    // 5. A member of Cards takes it: the card is edited in place, the history goes in its thread, the requester hears.
    h.api.clear();
    await h.interaction(
      buttonPress({ user: ANNA, actionId: 'issue.take', value: number, channel: CARDS, messageTs: cardsAnchor.messageId, responseUrl: h.api.responseUrl('take') }),
    );
    expect(h.api.responded[0]!.body.text).toContain(`Вы взяли обращение ${number}`);
    expect(h.api.responded[0]!.body.response_type).toBe('ephemeral');
    await h.delivery.runOnce();
    const [taken] = h.api.callsOf('chat.update');
    expect(taken!.params).toMatchObject({ channel: CARDS, ts: cardsAnchor.messageId });
    expect(textOf(taken!.params)).toContain('назначено');
    expect(buttonsOf(taken!).map((b) => b.action_id)).toEqual(['issue.handoff', 'issue.resolve']);
    const history = h.api.callsOf('chat.postMessage').filter((c) => c.params.thread_ts === cardsAnchor.messageId);
    expect(history.map((c) => c.params.channel)).toEqual([CARDS]);
    expect(String(history[0]!.params.text)).toContain('взял(а) в работу');
    expect(h.api.callsOf('chat.postMessage').some((c) => c.params.channel === ELENA && String(c.params.text).includes('Анна Иванова'))).toBe(true);

    // The home tab shows Anna her open issue.
    h.api.clear();
    await h.event({ type: 'app_home_opened', user: ANNA, channel: 'D0ANNA', tab: 'home' });
    const [home] = h.api.callsOf('views.publish');
    expect(home!.params.user_id).toBe(ANNA);
    const homeText = JSON.stringify(home!.params.view);
    expect(homeText).toContain('Мои открытые обращения');
    expect(homeText).toContain(number);
    expect(homeText).toContain('"action_id":"home.search"');

    // 6. Hand off opens its own modal; submitting moves the issue to Operations.
    h.api.clear();
    await h.interaction(buttonPress({ user: ANNA, actionId: 'issue.handoff', value: number, channel: CARDS, messageTs: cardsAnchor.messageId }));
    const handoff = lastView();
    expect(handoff.callback_id).toBe('issue.handoff');
    expect(JSON.parse(handoff.private_metadata).h).toEqual({ number });
    const handedOff = await submit(ANNA, handoff, { department: 'operations', reason: 'Клиенту нужна выписка по счёту, это операционный отдел' });
    expect(handedOff).toEqual({ status: 200, body: '' });
    await h.delivery.runOnce();
    // The old card says where the issue went; Operations gets a card of its own.
    const oldCard = h.api.callsOf('chat.update').find((c) => c.params.channel === CARDS)!;
    expect(textOf(oldCard.params)).toContain('Операционный отдел');
    const operationsCard = h.api.callsOf('chat.postMessage').find((c) => c.params.channel === OPERATIONS && !c.params.thread_ts)!;
    expect(textOf(operationsCard.params)).toContain(number);
    expect(buttonsOf(operationsCard).map((b) => b.action_id)).toEqual(['issue.take', 'issue.handoff', 'issue.resolve']);
    const operationsAnchor = h.core.stores.anchors.find(`issue:${number}`, 'slack', `channel:${OPERATIONS}`)!;
    expect(operationsAnchor.messageId).toBeTruthy();

    // Cards may no longer change it: a late press on the old card is refused before any form, to Anna alone.
    h.api.clear();
    await h.interaction(
      buttonPress({ user: ANNA, actionId: 'issue.resolve', value: number, channel: CARDS, messageTs: cardsAnchor.messageId, responseUrl: h.api.responseUrl('late') }),
    );
    expect(h.api.callsOf('views.open')).toHaveLength(0);
    const refusal = h.api.responded.find((r) => r.id === 'late')!;
    expect(refusal.body.response_type).toBe('ephemeral');
    expect(String(refusal.body.text)).toContain('Изменять обращение');
    expect(h.core.stores.issues.byNumber(number)!.status).toBe('new');

    // 7. Operations takes it and resolves it in its modal, with the client's rating.
    h.api.clear();
    await h.interaction(buttonPress({ user: SERGEY, actionId: 'issue.take', value: number, channel: OPERATIONS, messageTs: operationsAnchor.messageId }));
    await h.interaction(buttonPress({ user: SERGEY, actionId: 'issue.resolve', value: number, channel: OPERATIONS, messageTs: operationsAnchor.messageId }));
    const resolve = lastView();
    expect(resolve.callback_id).toBe('issue.resolve');
    const resolved = await submit(SERGEY, resolve, { resolution: 'Выписка отправлена клиенту на почту', satisfaction: '5' });
    expect(resolved).toEqual({ status: 200, body: '' });
    await h.delivery.runOnce();
    const finalCard = h.api.callsOf('chat.update').filter((c) => c.params.channel === OPERATIONS).at(-1)!;
    expect(finalCard.params.ts).toBe(operationsAnchor.messageId);
    expect(textOf(finalCard.params)).toContain('решено');
    expect(textOf(finalCard.params)).toContain('Выписка отправлена клиенту на почту');
    expect(buttonsOf(finalCard).map((b) => b.action_id)).toEqual(['issue.reopen']);
    const thread = h.api.callsOf('chat.postMessage').filter((c) => c.params.thread_ts === operationsAnchor.messageId);
    expect(thread.some((c) => String(c.params.text).includes('решено'))).toBe(true);
    // The requester got a DM for each change.
    const dms = h.api.callsOf('chat.postMessage').filter((c) => c.params.channel === ELENA);
    expect(dms.some((c) => String(c.params.text).includes(`Обращение ${number} решено`))).toBe(true);

    const issue = h.core.stores.issues.byNumber(number)!;
    expect(issue).toMatchObject({ status: 'resolved', department: 'operations', satisfaction: 5, handoffs: 1, assignee: 's.orlov@bank.example' });
    expect(h.core.stores.outbox.counts()).not.toHaveProperty('pending');
  });

  it('the message shortcut opens the form pre-filled with the message, masked', async () => {
    await h.interaction({
      type: 'message_action',
      callback_id: 'issue.from_message',
      trigger_id: 'trigger-shortcut-1',
      response_url: h.api.responseUrl('shortcut'),
      team: { id: 'T0BANK', domain: 'bank' },
      user: { id: ELENA, username: 'elena', team_id: 'T0BANK' },
      channel: { id: 'C0GENERAL', name: 'general' },
      message: { type: 'message', user: 'U0OTHER', ts: '1767225600.004000', text: 'Клиент жалуется: списали дважды с карты 4276 1234 5678 9012' },
      message_ts: '1767225600.004000',
      token: 'legacy-verification-token',
      action_ts: '1767225600.004001',
    });
    const form = lastView();
    expect(form.callback_id).toBe('issue.new');
    const description = form.blocks.find((b) => b.block_id === 'description')!.element!.initial_value!;
    expect(description).toContain('списали дважды');
    expect(description).toContain('•••• •••• •••• 9012');
    expect(description).not.toContain('4276');
    // The answer to the submission goes to the message's thread, to the requester alone.
    expect(JSON.parse(form.private_metadata)).toMatchObject({ c: 'C0GENERAL', t: '1767225600.004000' });
  });

  it('the global shortcut opens the same form, and its confirmation comes as a DM', async () => {
    await h.interaction({
      type: 'shortcut',
      callback_id: 'issue.new',
      trigger_id: 'trigger-global-1',
      team: { id: 'T0BANK', domain: 'bank' },
      user: { id: 'U0CARDS03', username: 'james', team_id: 'T0BANK' },
      token: 'legacy-verification-token',
      action_ts: '1767225600.005001',
    });
    const form = lastView();
    expect(form.callback_id).toBe('issue.new');
    // James reads English.
    expect(form.title.text).toBe('New client issue');
    h.api.clear();
    const done = await submit('U0CARDS03', form, { client: 'Petrov P.', category: 'card_limits', description: 'The client wants a higher daily limit abroad' });
    expect(done).toEqual({ status: 200, body: '' });
    const [dm] = h.api.callsOf('chat.postMessage');
    expect(dm!.params.channel).toBe('U0CARDS03');
    expect(textOf(dm!.params)).toContain('is logged');
  });

  it('a form asked for where Slack gives no trigger (a mention) comes as a button that opens it', async () => {
    await h.event({ type: 'app_mention', user: ELENA, text: '<@U0BOT> issue new', channel: 'C0GENERAL', ts: '1767225600.006000' });
    expect(h.api.callsOf('views.open')).toHaveLength(0);
    // Private to the person who asked, in the thread of their mention.
    const [ephemeral] = h.api.callsOf('chat.postEphemeral');
    expect(ephemeral!.params).toMatchObject({ channel: 'C0GENERAL', user: ELENA, thread_ts: '1767225600.006000' });
    const open = (ephemeral!.params.blocks as { accessory?: { action_id: string; value: string } }[]).find((b) => b.accessory)!.accessory!;
    expect(open.action_id).toBe('form.open');
    await h.interaction(buttonPress({ user: ELENA, actionId: open.action_id, value: open.value, channel: 'C0GENERAL', threadTs: '1767225600.006000' }));
    expect(lastView().callback_id).toBe('issue.new');
  });

  it('the home search box answers in a DM', async () => {
    await h.interaction(buttonPressFromHome(ELENA, 'home.search', 'Как заблокировать карту клиента?'));
    const [dm] = h.api.callsOf('chat.postMessage');
    expect(dm!.params.channel).toBe(ELENA);
    expect(textOf(dm!.params)).toContain('card-block');
  });

  it('"Log a client issue" under an answer opens the form with the question', async () => {
    await h.interaction(
      buttonPress({ user: ELENA, actionId: 'answer.log_issue', value: 'клиент спрашивает про погоду на Марсе', channel: 'C0GENERAL' }),
    );
    const form = lastView();
    expect(form.callback_id).toBe('issue.new');
    expect(form.blocks.find((b) => b.block_id === 'description')!.element!.initial_value).toBe('клиент спрашивает про погоду на Марсе');
  });
});

/** An input with `dispatch_action` on the home tab, submitted with Enter. */
function buttonPressFromHome(user: string, actionId: string, value: string): Record<string, unknown> {
  const payload = buttonPress({ user, actionId, value, view: { id: 'V0HOME', type: 'home' } });
  const [action] = payload.actions as Record<string, unknown>[];
  payload.actions = [{ type: 'plain_text_input', action_id: actionId, block_id: 'home.search', value, action_ts: action!.action_ts }];
  return payload;
}
