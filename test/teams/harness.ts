// The real /api/messages endpoint on 127.0.0.1 and a stand-in Bot Framework connector (a real HTTP
// server recording every call) that the bot's replies and notifications go to.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AfterAckQueue } from '../../bot/core/afterAck';
import { type Core, createCore } from '../../bot/core/app';
import type { Command } from '../../bot/core/command';
import { createLogger } from '../../bot/core/logger';
import { OutboxDelivery, type Deliverer } from '../../bot/core/outboxDelivery';
import type { Platform } from '../../bot/core/types';
import { createHttpApp, listen } from '../../bot/server';
import { startTeams, type TeamsRuntime, teamsCommands } from '../../bot/teams';
import { ROOT, tempDir } from '../support/files';

export const BUNDLED_KB = join(ROOT, 'knowledge/base');

export interface ConnectorCall {
  method: string;
  /** Decoded path, e.g. `/v3/conversations/19:deposits@thread.tacv2/activities`. */
  path: string;
  body: Record<string, unknown>;
  authorization?: string;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A stand-in for the Bot Framework connector (smba.trafficmanager.net) that records every call. */
export class StandInConnector {
  readonly calls: ConnectorCall[] = [];
  /** Called before the default answer; return an answer to override it (errors, throttling). */
  override?: (call: ConnectorCall) => Answer | undefined;
  /** Answers to `GET …/members/:id` (the roster), by user id. */
  readonly roster = new Map<string, Record<string, unknown>>();
  /** While set, every call is recorded at once but answered only when this settles (a slow connector). */
  hold?: Promise<unknown>;
  /** Calls answered so far. */
  answered = 0;
  private server?: Server;
  /** The service URL, once started. */
  url = '';
  private next = 1;
  private chats = 1;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const call: ConnectorCall = {
          method: req.method ?? 'GET',
          path: decodeURIComponent((req.url ?? '').split('?')[0] ?? ''),
          body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
          authorization: req.headers.authorization,
        };
        this.calls.push(call);
        const answer = this.override?.(call) ?? this.answer(call);
        return Promise.resolve(this.hold).then(() => {
          this.answered += 1;
          res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
          res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
        });
      });
    });
    this.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server!.once('listening', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  private answer(call: ConnectorCall): Answer {
    if (call.method === 'GET' && /\/members\//.test(call.path)) {
      const id = call.path.split('/members/')[1] ?? '';
      const member = this.roster.get(id);
      return member ? { status: 200, body: member } : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'not found' } } };
    }
    if (call.method === 'POST' && call.path === '/v3/conversations') return { status: 200, body: { id: `a:personal-${this.chats++}` } };
    if (call.method === 'PUT') return { status: 200, body: { id: call.path.split('/activities/')[1] } };
    if (call.method === 'POST' && call.path.includes('/activities')) return { status: 200, body: { id: `17000000000${String(this.next++).padStart(2, '0')}` } };
    return { status: 404, body: { error: { code: 'NotFound', message: call.path } } };
  }

  /** Messages the bot posted (new posts and replies), oldest first. */
  posts(conversationPrefix?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.method === 'POST' && c.path.includes('/activities') && (!conversationPrefix || c.path.startsWith(`/v3/conversations/${conversationPrefix}`)),
    );
  }

  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  clear(): void {
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => resolve(raw));
  });
}

export interface TeamsHarness {
  core: Core;
  teams: TeamsRuntime;
  connector: StandInConnector;
  serviceUrl: string;
  /** `http://127.0.0.1:<port>/api/messages` */
  endpoint: string;
  databaseFile: string;
  delivery: OutboxDelivery;
  logLines: Record<string, unknown>[];
  clock: { now(): Date; set(iso: string): void };
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  appId?: string;
  appPassword?: string;
  platforms?: Platform[];
  extraDeliverers?: (core: Core) => Deliverer[];
  extraCommands?: Command[];
  /** Answer each request before its turn runs, as in production; by default a request returns when its work is done. */
  ackFirst?: boolean;
  /** Another harness's database (a second process on the same data). */
  databaseFile?: string;
  /** Another harness's connector, left running when this one stops. */
  connector?: StandInConnector;
  /** The bound of the queue that runs turns after their request was answered. */
  maxPendingWork?: number;
}

/** The bot on a real HTTP server, the bundled knowledge base, a SQLite file in a temp dir. */
export async function startTeamsHarness(options: HarnessOptions = {}): Promise<TeamsHarness> {
  const dir = tempDir('clientdesk-teams-');
  const logLines: Record<string, unknown>[] = [];
  let now = new Date('2026-03-02T07:00:00Z'); // a Monday, 10:00 in Moscow
  const clock = { now: () => now, set: (iso: string) => (now = new Date(iso)) };
  const databaseFile = options.databaseFile ?? join(dir, 'clientdesk.db');
  const core = createCore({
    knowledgeFolder: BUNDLED_KB,
    databaseFile,
    cacheDir: join(dir, 'cache'),
    settings: { timezone: 'Europe/Moscow', secret: 'test-secret', platforms: options.platforms ?? ['teams'] },
    clock,
    log: createLogger({ level: 'debug', write: (line) => logLines.push(JSON.parse(line) as Record<string, unknown>) }),
    extraCommands: [...teamsCommands(), ...(options.extraCommands ?? [])],
  });
  const connector = options.connector ?? new StandInConnector();
  const serviceUrl = options.connector ? options.connector.url : await connector.start();
  const app = createHttpApp();
  const teams = startTeams(
    core,
    app,
    { appId: options.appId, appPassword: options.appPassword },
    { processBeforeResponse: !options.ackFirst, afterAck: new AfterAckQueue({ log: core.log, maxPending: options.maxPendingWork }) },
  );
  const delivery = new OutboxDelivery(core.stores, [teams.deliverer, ...(options.extraDeliverers?.(core) ?? [])], clock, core.log, {
    baseBackoffMs: 1_000,
  });
  const server = await listen(app, 0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    core,
    teams,
    connector,
    serviceUrl,
    endpoint,
    databaseFile,
    delivery,
    logLines,
    clock,
    async post(activity, headers = {}) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body };
    },
    async stop() {
      await teams.turns.idle();
      await delivery.stop();
      await new Promise((resolve) => server.close(resolve));
      if (!options.connector) await connector.stop();
      core.close();
    },
  };
}

/** People from knowledge/base/departments.yaml with a Teams id. */
export const PEOPLE = {
  belova: { aad: '6f1c2a4e-3b7d-4e21-9a0c-5d8e7f1b2c30', id: '29:belova', name: 'Наталья Белова', email: 'n.belova@bank.example' },
  egorov: { aad: '9b3e5d71-2c4a-4f88-b6e1-0a7d3c9e4f12', id: '29:egorov', name: 'Алексей Егоров', email: 'a.egorov@bank.example' },
  lebedeva: { aad: '2d7a9c13-8e45-4b6f-a1d2-7c3e9b5f0a84', id: '29:lebedeva', name: 'Татьяна Лебедева', email: 't.lebedeva@bank.example' },
  patel: { aad: 'e5b8f2a0-61c7-4d39-8f4e-2b1a6c7d9e03', id: '29:patel', name: 'Sunil Patel', email: 's.patel@bank.example' },
} as const;

export interface Person {
  aad: string;
  id: string;
  name: string;
  email: string;
}

export const BOT = { id: '28:clientdesk-bot', name: 'clientdesk' };
export const TENANT = 'tenant-bank-example';
export const DEPOSITS_CHANNEL = '19:deposits@thread.tacv2';
export const DIGITAL_CHANNEL = '19:digital@thread.tacv2';

let counter = 0;
const nextId = () => `${Date.now()}${String(++counter).padStart(4, '0')}`;

/** Activities as Teams sends them. */
export function activities(serviceUrl: string) {
  const base = (from: Person, conversation: Record<string, unknown>, channelData: Record<string, unknown>) => ({
    serviceUrl,
    channelId: 'msteams',
    from: { id: from.id, name: from.name, aadObjectId: from.aad },
    recipient: BOT,
    conversation: { tenantId: TENANT, ...conversation },
    channelData: { tenant: { id: TENANT }, ...channelData },
    timestamp: new Date().toISOString(),
    locale: 'ru-RU',
  });
  const personal = (from: Person) => base(from, { id: `a:personal-${from.aad}`, conversationType: 'personal' }, {});
  const channel = (from: Person, channelId: string, threadId?: string) =>
    base(
      from,
      { id: threadId ? `${channelId};messageid=${threadId}` : channelId, conversationType: 'channel', isGroup: true },
      { channel: { id: channelId }, team: { id: channelId } },
    );
  return {
    personalMessage: (from: Person, text: string, extra: Record<string, unknown> = {}) => ({
      type: 'message',
      id: nextId(),
      text,
      ...personal(from),
      ...extra,
    }),
    channelMention: (from: Person, channelId: string, text: string, extra: Record<string, unknown> = {}) => {
      const id = nextId();
      return {
        type: 'message',
        id,
        text: `<at>${BOT.name}</at> ${text}`,
        entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
        ...channel(from, channelId, id),
        ...extra,
      };
    },
    /** Action.Submit: a message whose value is the card's data and the inputs. */
    submit: (from: Person, where: { channelId?: string; threadId?: string }, value: Record<string, unknown>) => ({
      type: 'message',
      id: nextId(),
      value,
      ...(where.channelId ? channel(from, where.channelId, where.threadId) : personal(from)),
    }),
    /** Action.Execute: an `adaptiveCard/action` invoke. */
    execute: (from: Person, where: { channelId?: string; threadId?: string }, verb: string, data: Record<string, unknown>) => ({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: nextId(),
      value: { action: { type: 'Action.Execute', id: 'a1', verb, data }, trigger: 'manual' },
      ...(where.channelId ? channel(from, where.channelId, where.threadId) : personal(from)),
    }),
    installedInTeam: (from: Person, channelId: string) => ({
      type: 'conversationUpdate',
      id: nextId(),
      membersAdded: [BOT],
      ...channel(from, channelId),
      channelData: { tenant: { id: TENANT }, team: { id: channelId, name: 'Team' }, eventType: 'teamMemberAdded' },
    }),
    installedPersonal: (from: Person) => ({ type: 'conversationUpdate', id: nextId(), membersAdded: [BOT], ...personal(from) }),
    search: (from: Person, text: string, extra: Record<string, unknown> = {}) => ({
      type: 'invoke',
      name: 'composeExtension/query',
      id: nextId(),
      value: { commandId: 'searchAnswers', parameters: [{ name: 'searchText', value: text }], queryOptions: { skip: 0, count: 10 }, ...extra },
      ...base(from, { id: '19:chat-with-colleague@thread.v2', conversationType: 'groupChat', isGroup: true }, {}),
    }),
    selectItem: (from: Person, value: unknown) => ({
      type: 'invoke',
      name: 'composeExtension/selectItem',
      id: nextId(),
      value,
      ...base(from, { id: '19:chat-with-colleague@thread.v2', conversationType: 'groupChat', isGroup: true }, {}),
    }),
  };
}

/** The Adaptive Card a posted activity carries. */
export function cardOf(call: ConnectorCall | undefined): Record<string, unknown> {
  const attachments = (call?.body.attachments ?? []) as { contentType: string; content: Record<string, unknown> }[];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no adaptive card in ${JSON.stringify(call?.body).slice(0, 300)}`);
  return card.content;
}

/** All visible text of a card, for assertions. */
export function textIn(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (typeof n.text === 'string') out.push(n.text);
    if (typeof n.title === 'string') out.push(n.title);
    if (typeof n.value === 'string' && n.type === undefined) out.push(n.value);
    if (typeof n.label === 'string') out.push(n.label);
    for (const [k, v] of Object.entries(n)) if (k !== 'data') walk(v);
  };
  walk(card);
  return out.join('\n');
}

/** The root rows ([\"Input.Text\", ...]) of a card's body and nested containers, by type. */
export function elementsOf(card: unknown, type: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === type) found.push(n);
    for (const [k, v] of Object.entries(n)) if (k !== 'data') walk(v);
  };
  walk(card);
  return found;
}
