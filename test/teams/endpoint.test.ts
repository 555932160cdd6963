import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionsIn } from '../../bot/teams/cards';
import { removeTempDirs } from '../support/files';
import { activities, BOT, cardOf, DEPOSITS_CHANNEL, elementsOf, PEOPLE, startTeamsHarness, type TeamsHarness, textIn } from './harness';

afterAll(removeTempDirs);

describe('Teams /api/messages, unauthenticated (local use)', () => {
  let h: TeamsHarness;
  let a: ReturnType<typeof activities>;
  beforeEach(async () => {
    h = await startTeamsHarness();
    a = activities(h.serviceUrl);
  });
  afterEach(() => h.stop());

  it('says in the log that it runs without authentication', () => {
    expect(h.logLines.some((l) => l.event === 'teams.unauthenticated' && l.level === 'warn')).toBe(true);
  });

  it('answers a question in a personal chat with an Adaptive Card and the source', async () => {
    const message = a.personalMessage(PEOPLE.belova, 'как заблокировать карту');
    const response = await h.post(message);
    expect(response.status).toBe(200);
    const [reply] = h.connector.posts();
    expect(reply?.path).toBe(`/v3/conversations/a:personal-${PEOPLE.belova.aad}/activities/${message.id}`);
    const card = cardOf(reply);
    expect(card.version).toBe('1.5');
    const text = textIn(card);
    expect(text).toContain('Как заблокировать карту клиента?');
    expect(text).toContain('card-block');
    // Helpful / not helpful travel as Action.Submit with the action id and the served answer's id.
    const ids = actionsIn(card).map((x) => (x.data as Record<string, string>).actionId);
    expect(ids).toEqual(['answer.helpful', 'answer.not_helpful']);
    expect(reply?.body.replyToId).toBe(message.id);
    expect(reply?.body.from).toMatchObject({ id: BOT.id });
  });

  it('removes the @mention in a channel and answers in the thread', async () => {
    const message = a.channelMention(PEOPLE.belova, DEPOSITS_CHANNEL, 'rights 16');
    expect((await h.post(message)).status).toBe(200);
    const [reply] = h.connector.posts();
    expect(reply?.path).toBe(`/v3/conversations/${DEPOSITS_CHANNEL};messageid=${message.id}/activities/${message.id}`);
    expect(textIn(cardOf(reply))).toContain('Статья 16');
    // The channel is now known: notifications can reach it after a restart.
    expect(h.core.stores.teamsConversations.channel(DEPOSITS_CHANNEL)?.reference).toMatchObject({
      serviceUrl: h.serviceUrl,
      conversation: { id: DEPOSITS_CHANNEL },
    });
  });

  it('strips a bare <at>…</at> mention even without its entity', async () => {
    const message = a.channelMention(PEOPLE.belova, DEPOSITS_CHANNEL, 'help', { entities: [] });
    await h.post(message);
    expect(textIn(cardOf(h.connector.posts()[0]))).toContain('issue new');
  });

  it('runs console commands typed as text, with or without a leading slash', async () => {
    await h.post(a.personalMessage(PEOPLE.patel, '/lang en'));
    await h.post(a.personalMessage(PEOPLE.patel, 'product'));
    const [lang, product] = h.connector.posts();
    expect(textIn(cardOf(lang))).toContain('I will reply in English');
    expect(textIn(cardOf(product))).toContain('Product categories');
  });

  it('offers "did you mean" choices and takes a pick through Action.Submit', async () => {
    await h.post(a.personalMessage(PEOPLE.belova, 'карта'));
    const card = cardOf(h.connector.posts()[0]);
    const picks = actionsIn(card).filter((x) => (x.data as Record<string, string>).actionId === 'answer.pick');
    expect(picks.length).toBeGreaterThan(1);
    expect(picks[0]?.type).toBe('Action.Submit');
    h.connector.clear();
    // Teams sends the pressed choice as a message whose value is the action's data.
    await h.post(a.submit(PEOPLE.belova, {}, picks[0]!.data as Record<string, unknown>));
    const answer = cardOf(h.connector.posts()[0]);
    expect(textIn(answer)).toContain(String(picks[0]?.title));
  });

  it('records a conversation reference for each person and each channel on install', async () => {
    await h.post(a.installedPersonal(PEOPLE.egorov));
    await h.post(a.installedInTeam(PEOPLE.belova, DEPOSITS_CHANNEL));
    const repo = h.core.stores.teamsConversations;
    expect(repo.person(PEOPLE.egorov.aad)?.personalReference).toMatchObject({ conversation: { id: `a:personal-${PEOPLE.egorov.aad}` } });
    expect(repo.channel(DEPOSITS_CHANNEL)?.kind).toBe('channel');
    // A welcome in each.
    expect(h.connector.posts().map((c) => textIn(cardOf(c)))).toEqual([expect.stringContaining('clientdesk'), expect.stringContaining('clientdesk')]);
  });

  it('knows someone the departments file lists only by e-mail through the team roster, asked once', async () => {
    const oleg = { aad: '11111111-2222-4333-8444-555555555555', id: '29:oleg', name: 'Олег Петров', email: 'o.petrov@bank.example' };
    h.connector.roster.set(oleg.id, { id: oleg.id, name: oleg.name, aadObjectId: oleg.aad, email: 'O.Petrov@bank.example' });
    await h.post(a.personalMessage(oleg, 'lang en'));
    await h.post(a.personalMessage(oleg, 'help'));
    expect(h.core.stores.prefs.of('o.petrov@bank.example').locale).toBe('en');
    expect(h.connector.calls.filter((c) => c.method === 'GET' && c.path.endsWith(`/members/${oleg.id}`))).toHaveLength(1);
    expect(h.core.stores.teamsConversations.personWithEmail('o.petrov@bank.example')?.aadObjectId).toBe(oleg.aad);
  });

  it('forgets a channel when the bot is removed from it', async () => {
    await h.post(a.installedInTeam(PEOPLE.belova, DEPOSITS_CHANNEL));
    await h.post(a.channelMention(PEOPLE.belova, DEPOSITS_CHANNEL, 'teams register deposits'));
    expect(h.core.stores.teamsConversations.registeredChannel('deposits')?.channelId).toBe(DEPOSITS_CHANNEL);
    const removed = { ...a.installedInTeam(PEOPLE.belova, DEPOSITS_CHANNEL), membersAdded: undefined, membersRemoved: [BOT] };
    expect((await h.post(removed)).status).toBe(200);
    expect(h.core.stores.teamsConversations.channel(DEPOSITS_CHANNEL)).toBeUndefined();
    expect(h.core.stores.teamsConversations.registeredChannel('deposits')).toBeUndefined();
  });

  it('does the work of a retried activity (same id) only once', async () => {
    const message = a.personalMessage(PEOPLE.belova, 'как заблокировать карту');
    expect((await h.post(message)).status).toBe(200);
    expect((await h.post(message)).status).toBe(200);
    expect(h.connector.posts()).toHaveLength(1);
    const served = h.core.stores.db.prepare("SELECT COUNT(*) AS n FROM answers_served WHERE entry_id = 'card-block'").get() as { n: number };
    expect(served.n).toBe(1);
    // Dropped at the door; a retried install does not say hello twice either.
    expect(h.logLines.filter((l) => l.event === 'teams.duplicate_activity')).toHaveLength(1);
    const install = a.installedPersonal(PEOPLE.egorov);
    await h.post(install);
    await h.post(install);
    expect(h.connector.posts(`a:personal-${PEOPLE.egorov.aad}`)).toHaveLength(1);
  });

  it('still does a retried message once when the endpoint has forgotten it (another process): the dispatcher remembers', async () => {
    const message = a.personalMessage(PEOPLE.belova, 'как заблокировать карту');
    expect((await h.post(message)).status).toBe(200);
    // The same activity at a second endpoint on the same database, as after a restart.
    const second = await startTeamsHarness({ databaseFile: h.databaseFile, connector: h.connector });
    try {
      expect((await second.post(message)).status).toBe(200);
    } finally {
      await second.stop();
    }
    expect(h.connector.posts()).toHaveLength(1);
    expect(second.logLines.some((l) => l.event === 'event.duplicate')).toBe(true);
  });

  it('answers 400, not 500, to what is not an activity', async () => {
    expect((await h.post('{ not json')).status).toBe(400);
    expect((await h.post([])).status).toBe(400);
    expect((await h.post({ type: 'message', text: 'hi' })).status).toBe(400);
    const noConversation = { ...a.personalMessage(PEOPLE.belova, 'hi'), conversation: undefined };
    expect((await h.post(noConversation)).status).toBe(400);
    const noId = { ...a.personalMessage(PEOPLE.belova, 'hi'), id: undefined };
    expect((await h.post(noId)).status).toBe(400);
    const badServiceUrl = { ...a.personalMessage(PEOPLE.belova, 'hi'), serviceUrl: 'not a url' };
    const response = await h.post(badServiceUrl);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('serviceUrl');
    expect(h.connector.calls).toHaveLength(0);
  });

  it('registers a channel as a department channel (head only)', async () => {
    await h.post(a.channelMention(PEOPLE.egorov, '19:other@thread.tacv2', 'teams register deposits'));
    expect(textIn(cardOf(h.connector.posts()[0]))).toContain('руководитель');
    expect(h.core.stores.teamsConversations.registeredChannel('deposits')).toBeUndefined();
    await h.post(a.channelMention(PEOPLE.belova, '19:other@thread.tacv2', 'teams регистрация deposits'));
    expect(textIn(cardOf(h.connector.posts()[1]))).toContain('Отдел вкладов');
    expect(h.core.stores.teamsConversations.registeredChannel('deposits')?.channelId).toBe('19:other@thread.tacv2');
    // Not in a personal chat.
    await h.post(a.personalMessage(PEOPLE.belova, 'teams register deposits'));
    expect(textIn(cardOf(h.connector.posts()[2]))).toContain('личный чат');
  });

  it('renders a form as inputs with an Action.Submit carrying the form id', async () => {
    await h.post(a.personalMessage(PEOPLE.lebedeva, 'issue new'));
    const card = cardOf(h.connector.posts()[0]);
    const inputs = [...elementsOf(card, 'Input.Text'), ...elementsOf(card, 'Input.ChoiceSet')].map((i) => i.id);
    expect(inputs).toEqual(expect.arrayContaining(['client', 'category', 'description', 'channel', 'priority', 'vip', 'branch']));
    const [submit] = actionsIn(card);
    expect(submit).toMatchObject({ type: 'Action.Submit', data: { actionId: 'issue.new' } });
  });
});

describe('Teams /api/messages with an app id', () => {
  it.each([
    ['answering after the work (tests)', false],
    ['answering first (production)', true],
  ])('refuses a request without a Bot Framework token with 401, %s', async (_mode, ackFirst) => {
    const h = await startTeamsHarness({ appId: '00000000-0000-0000-0000-000000000001', appPassword: 'not-used', ackFirst });
    try {
      const a = activities(h.serviceUrl);
      const response = await h.post(a.personalMessage(PEOPLE.belova, 'как заблокировать карту'));
      expect(response.status).toBe(401);
      const forged = await h.post(a.personalMessage(PEOPLE.belova, 'help'), { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' });
      expect(forged.status).toBe(401);
      expect(h.connector.calls).toHaveLength(0);
      expect(h.logLines.some((l) => l.event === 'teams.authenticated')).toBe(true);
    } finally {
      await h.stop();
    }
  });
});

describe('Teams /api/messages answers first and works after (as in production)', () => {
  let h: TeamsHarness;
  let a: ReturnType<typeof activities>;
  beforeEach(async () => {
    h = await startTeamsHarness({ ackFirst: true });
    a = activities(h.serviceUrl);
  });
  afterEach(() => h.stop());

  it('answers a message before a slow connector has taken the reply', async () => {
    let release = () => {};
    h.connector.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const response = await h.post(a.personalMessage(PEOPLE.belova, 'как заблокировать карту'));
    // Teams has its 200 while the connector still holds every call: nothing of the work was waited for.
    expect(response.status).toBe(200);
    expect(h.connector.answered).toBe(0);
    release();
    await h.teams.turns.idle();
    const [reply] = h.connector.posts();
    expect(textIn(cardOf(reply))).toContain('Как заблокировать карту клиента?');
    expect(h.connector.answered).toBeGreaterThan(0);
  });

  it('keeps an invoke in the request: its answer is the response body', async () => {
    const response = await h.post(a.search(PEOPLE.belova, 'заблокировать карту'));
    expect(response.status).toBe(200);
    const result = (response.body as { composeExtension: { type: string; attachments: unknown[] } }).composeExtension;
    expect(result.type).toBe('result');
    expect(result.attachments.length).toBeGreaterThan(0);
  });

  it('logs a turn that fails after the answer, and apologises with an error id', async () => {
    let failing = true;
    // The bot's first reply is refused by the connector; the apology after it goes through.
    h.connector.override = (call) => {
      if (call.method === 'POST' && failing) {
        failing = false;
        return { status: 413, body: { error: { code: 'MessageSizeTooBig', message: 'too big' } } };
      }
      return undefined;
    };
    expect((await h.post(a.personalMessage(PEOPLE.belova, 'как заблокировать карту'))).status).toBe(200);
    await h.teams.turns.idle();
    const failed = h.logLines.find((l) => l.event === 'teams.turn_failed');
    expect(failed).toBeDefined();
    expect(textIn(h.connector.posts().at(-1)?.body)).toContain(String(failed?.errorId));
  });
});
