// The whole issue flow across platforms: Slack and Teams on one HTTP server, as bot/main.ts runs them,
// each talking to a stand-in of its own platform, one outbox delivering to both.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../bot/core/app';
import { createLogger } from '../../bot/core/logger';
import { OutboxDelivery } from '../../bot/core/outboxDelivery';
import { createHttpApp, listen } from '../../bot/server';
import { createSlackAdapter } from '../../bot/slack/slackApp';
import { startTeams, teamsCommands } from '../../bot/teams';
import { actionsIn } from '../../bot/teams/cards';
import { ManualClock, SIGNING_SECRET, signature, textOf } from '../slack/harness';
import { StandInSlackApi } from '../slack/standInSlack';
import { removeTempDirs, tempDir } from '../support/files';
import { activities, BUNDLED_KB, cardOf, DEPOSITS_CHANNEL, PEOPLE, StandInConnector, textIn } from './harness';

const ANNA = 'U0CARDS01'; // Cards (Slack): hands the issue to Deposits, later resolves it
const CARDS = 'C0CARDS';

let core: Core;
let slackApi: StandInSlackApi;
let connector: StandInConnector;
let server: Server;
let delivery: OutboxDelivery;
let teamsUrl: string;
let slackUrl: string;
let a: ReturnType<typeof activities>;

beforeAll(async () => {
  const dir = tempDir('clientdesk-handoff-');
  slackApi = await StandInSlackApi.start();
  connector = new StandInConnector();
  const serviceUrl = await connector.start();
  a = activities(serviceUrl);
  const clock = new ManualClock(new Date('2026-03-02T07:00:00Z'));
  core = createCore({
    knowledgeFolder: BUNDLED_KB,
    databaseFile: join(dir, 'clientdesk.db'),
    cacheDir: join(dir, 'cache'),
    settings: { timezone: 'Europe/Moscow', secret: 'test-secret', platforms: ['slack', 'teams'] },
    clock,
    log: createLogger({ write: () => {} }),
    extraCommands: teamsCommands(),
  });
  const http = createHttpApp();
  const slack = createSlackAdapter(core, {
    botToken: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    apiUrl: slackApi.url,
    httpApp: http,
    processBeforeResponse: true,
    clientRetries: 0,
    channelIntervalMs: 0,
  });
  await slack.start();
  const teams = startTeams(core, http, {}, { processBeforeResponse: true });
  delivery = new OutboxDelivery(core.stores, [slack.deliverer, teams.deliverer], clock, core.log);
  server = await listen(http, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  teamsUrl = `${base}/api/messages`;
  slackUrl = `${base}/slack/events`;
});

afterAll(async () => {
  await delivery.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await slackApi.close();
  await connector.stop();
  core.close();
  removeTempDirs();
});

async function teams(activity: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(teamsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A Slack slash command, signed as Slack signs it. */
async function slash(user: string, command: string, text: string): Promise<void> {
  const body = new URLSearchParams({
    team_id: 'T0BANK',
    channel_id: CARDS,
    channel_name: 'cards',
    user_id: user,
    user_name: 'someone',
    command,
    text,
    api_app_id: 'A0CLIENTDESK',
    response_url: slackApi.responseUrl(`cmd-${Date.now()}`),
    trigger_id: `trigger-${Date.now()}`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(slackUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(SIGNING_SECRET, timestamp, body),
    },
    body,
  });
  expect(response.status).toBe(200);
}

const patelChat = `a:personal-${PEOPLE.patel.aad}`;
const dmsToPatel = () => connector.posts(patelChat).map((c) => textIn(cardOf(c)));

describe('an issue handed from a Slack department to a Teams department and back', () => {
  it('keeps both sides informed, each on its own platform', async () => {
    // The app is installed in the Deposits team: its channel can be written to.
    await teams(a.installedInTeam(PEOPLE.belova, DEPOSITS_CHANNEL));

    // 1. A Teams user (English) logs an issue from the form in his personal chat; it goes to Cards, on Slack.
    const logged = await teams(
      a.submit(PEOPLE.patel, {}, {
        actionId: 'issue.new',
        client: 'Ivanov I. I.',
        category: 'card_blocked',
        description: 'Card 4276 1234 5678 9012 blocked abroad, the client cannot pay',
        channel: 'phone',
        priority: 'high',
        vip: 'no',
      }),
    );
    expect(logged.status).toBe(200);
    const confirmation = textIn(cardOf(connector.posts(patelChat).at(-1)));
    const number = /CL-\d{4}-\d{6}/.exec(confirmation)?.[0] ?? '';
    expect(confirmation).toContain(`Issue ${number} is logged`);
    expect(core.stores.issues.byNumber(number)).toMatchObject({ department: 'cards', requester: PEOPLE.patel.email, requesterPlatform: 'teams' });

    connector.clear();
    await delivery.runOnce();
    const cardsCard = slackApi.callsOf('chat.postMessage').find((c) => c.params.channel === CARDS && !c.params.thread_ts);
    expect(textOf(cardsCard!.params)).toContain(number);
    expect(JSON.stringify(slackApi.calls)).not.toContain('4276 1234 5678 9012');
    // Nothing for Cards on Teams; the requester hears in his Teams chat, in English.
    expect(connector.posts(DEPOSITS_CHANNEL)).toHaveLength(0);
    expect(dmsToPatel().at(-1)).toMatch(new RegExp(`${number}.*(logged|Cards)`, 's'));

    // 2. Cards (Slack) hands it to Deposits, which works in Teams.
    slackApi.clear();
    connector.clear();
    await slash(ANNA, '/issue', `handoff ${number} deposits Клиент хочет перевести остаток на вклад`);
    await delivery.runOnce();
    // Slack: the Cards card shows the handoff in place, with a line in its thread.
    const cardsUpdate = slackApi.callsOf('chat.update').find((c) => c.params.channel === CARDS);
    expect(textOf(cardsUpdate!.params)).toContain('Отдел вкладов');
    // Teams: Deposits gets a card of its own, with take / hand off / resolve.
    const [depositsPost] = connector.posts(DEPOSITS_CHANNEL);
    expect(depositsPost?.path).toBe(`/v3/conversations/${DEPOSITS_CHANNEL}/activities`);
    const depositsCard = cardOf(depositsPost);
    expect(textIn(depositsCard)).toContain(number);
    expect(textIn(depositsCard)).toContain('•••• •••• •••• 9012');
    expect(actionsIn(depositsCard).map((x) => (x.data as Record<string, string>).actionId)).toEqual(['issue.take', 'issue.handoff', 'issue.resolve']);
    const anchor = core.stores.anchors.find(`issue:${number}`, 'teams', DEPOSITS_CHANNEL);
    expect(anchor?.messageId).toBeTruthy();
    expect(dmsToPatel().at(-1)).toContain('Deposits');

    // 3. Deposits takes it in Teams (Action.Submit on the card, in its thread).
    connector.clear();
    await teams(a.submit(PEOPLE.belova, { channelId: DEPOSITS_CHANNEL, threadId: anchor!.messageId }, { actionId: 'issue.take', value: number }));
    expect(textIn(cardOf(connector.posts(DEPOSITS_CHANNEL).at(-1)))).toContain(`Вы взяли обращение ${number}`);
    connector.clear();
    await delivery.runOnce();
    const [taken] = connector.updates();
    expect(taken?.path).toBe(`/v3/conversations/${DEPOSITS_CHANNEL}/activities/${anchor!.messageId}`);
    expect(actionsIn(cardOf(taken)).map((x) => (x.data as Record<string, string>).actionId)).toEqual(['issue.handoff', 'issue.resolve']);
    expect(connector.posts(`${DEPOSITS_CHANNEL};messageid=${anchor!.messageId}`).length).toBeGreaterThan(0);
    expect(dmsToPatel().at(-1)).toContain('Наталья Белова');

    // 4. ...and hands it back to Cards through Action.Execute: the button answers with the form, the form with the result.
    connector.clear();
    slackApi.clear();
    const where = { channelId: DEPOSITS_CHANNEL, threadId: anchor!.messageId };
    const form = await teams(a.execute(PEOPLE.belova, where, 'issue.handoff', { value: number }));
    const formCard = (form.body as { value: Record<string, unknown> }).value;
    expect(actionsIn(formCard)[0]).toMatchObject({ type: 'Action.Execute', verb: 'issue.handoff', data: { number } });
    const back = await teams(
      a.execute(PEOPLE.belova, where, 'issue.handoff', { number, department: 'cards', reason: 'Вклад открыт, осталась разблокировка карты' }),
    );
    expect(textIn((back.body as { value: unknown }).value)).toContain(number);
    await delivery.runOnce();
    // Teams: the Deposits card now says where the issue went; Slack: Cards gets a new card.
    expect(textIn(cardOf(connector.updates().at(-1)))).toContain('Отдел банковских карт');
    const cardsAgain = slackApi.callsOf('chat.postMessage').find((c) => c.params.channel === CARDS && !c.params.thread_ts);
    expect(textOf(cardsAgain!.params)).toContain(number);
    expect(dmsToPatel().at(-1)).toContain('Cards');

    // 5. Cards resolves it on Slack; the requester hears in Teams.
    connector.clear();
    await slash(ANNA, '/issue', `resolve ${number} 5 Карта разблокирована, клиент расплатился`);
    await delivery.runOnce();
    expect(dmsToPatel().at(-1)).toContain(`Issue ${number} is resolved`);

    expect(core.stores.issues.byNumber(number)).toMatchObject({ status: 'resolved', department: 'cards', handoffs: 2, satisfaction: 5 });
    const counts = core.stores.outbox.counts();
    expect(counts).not.toHaveProperty('pending');
    expect(counts).not.toHaveProperty('failed');
  });
});
