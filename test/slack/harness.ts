// Starts clientdesk's Slack adapter for real: the Bolt HTTP receiver on the shared Express app on 127.0.0.1,
// a real SQLite file in a temp dir, the Web API pointed (through SLACK_API_URL) at a local stand-in, and
// sends requests signed exactly as Slack signs them.
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../bot/config';
import { AfterAckQueue } from '../../bot/core/afterAck';
import { type Core, createCore } from '../../bot/core/app';
import type { Command } from '../../bot/core/command';
import { createLogger, type Logger } from '../../bot/core/logger';
import { OutboxDelivery } from '../../bot/core/outboxDelivery';
import type { Clock } from '../../bot/core/types';
import { createHttpApp, listen } from '../../bot/server';
import { createSlackAdapter, type SlackAdapter } from '../../bot/slack/slackApp';
import { StandInSlackApi } from './standInSlack';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
}

export interface HarnessOptions {
  knowledgeFolder?: string;
  /** The core's clock; signatures always use the real time, as Slack's do. */
  start?: Date;
  viewAckDeadlineMs?: number;
  /** Commands only a test needs (a deliberately slow one). */
  extraCommands?: Command[];
  /** Ack each request before its work, as in production; by default a request returns when its work is done. */
  ackFirst?: boolean;
  /** The bound of the queue that runs the work after each ack. */
  maxPendingWork?: number;
}

export interface SignedOptions {
  /** Seconds since the epoch for X-Slack-Request-Timestamp (default: now). */
  timestamp?: number;
  /** Sign with another secret (a forged request). */
  secret?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface Harness {
  core: Core;
  api: StandInSlackApi;
  adapter: SlackAdapter;
  delivery: OutboxDelivery;
  clock: ManualClock;
  logLines: string[];
  url: string;
  dir: string;
  command(command: string, text: string, options?: { user?: string; channel?: string; channelName?: string } & SignedOptions): Promise<Response>;
  event(event: Record<string, unknown>, options?: { eventId?: string } & SignedOptions): Promise<Response>;
  interaction(payload: Record<string, unknown>, options?: SignedOptions): Promise<Response>;
  /** A raw signed POST, for the odd request. */
  post(body: string, contentType: string, options?: SignedOptions): Promise<Response>;
  close(): Promise<void>;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-slack-'));
  const api = await StandInSlackApi.start();
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.url,
    CLIENTDESK_DB: join(dir, 'clientdesk.db'),
    ...(options.knowledgeFolder ? { CLIENTDESK_KB: options.knowledgeFolder } : {}),
    CLIENTDESK_SECRET: 'test-secret',
  });
  const logLines: string[] = [];
  const log: Logger = createLogger({ level: 'debug', write: (line) => logLines.push(line) });
  const clock = new ManualClock(options.start ?? new Date());
  const core = createCore({
    knowledgeFolder: config.knowledgeFolder,
    databaseFile: config.databaseFile,
    settings: { timezone: config.timezone, secret: config.secret, platforms: config.platforms },
    clock,
    log,
    extraCommands: options.extraCommands,
    // The search index is cached by content hash (written atomically): shared across test files and runs,
    // so each harness doesn't spend seconds rebuilding the same index.
    cacheDir: join(tmpdir(), 'clientdesk-slack-test-index'),
  });
  const httpApp = createHttpApp();
  const adapter = createSlackAdapter(core, {
    botToken: config.slack.botToken!,
    signingSecret: config.slack.signingSecret,
    apiUrl: config.slack.apiUrl,
    httpApp,
    processBeforeResponse: !options.ackFirst,
    afterAck: new AfterAckQueue({ log, maxPending: options.maxPendingWork }),
    clientRetries: 0,
    channelIntervalMs: 0,
    viewAckDeadlineMs: options.viewAckDeadlineMs,
    homeRefreshDebounceMs: 0,
  });
  await adapter.start();
  const server: Server = await listen(httpApp, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/slack/events`;
  const delivery = new OutboxDelivery(core.stores, [adapter.deliverer], clock, log);

  const post = (body: string, contentType: string, signed: SignedOptions = {}) => {
    const timestamp = signed.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(signed.secret ?? SIGNING_SECRET, timestamp, body),
    };
    if (signed.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(signed.retryNum);
      headers['x-slack-retry-reason'] = signed.retryReason ?? 'http_timeout';
    }
    return fetch(url, { method: 'POST', headers, body });
  };

  return {
    core,
    api,
    adapter,
    delivery,
    clock,
    logLines,
    url,
    dir,
    post,
    command(command, text, o = {}) {
      const triggerId = `trigger-${randomUUID()}`;
      const body = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: 'T0BANK',
        team_domain: 'bank',
        channel_id: o.channel ?? 'C0GENERAL',
        channel_name: o.channelName ?? 'general',
        user_id: o.user ?? 'U0CLIENT01',
        user_name: 'someone',
        command,
        text,
        api_app_id: 'A0CLIENTDESK',
        is_enterprise_install: 'false',
        response_url: api.responseUrl(`command-${triggerId}`),
        trigger_id: triggerId,
      }).toString();
      // Exactly the content type Slack sends; Bolt parses slash commands only with it.
      return post(body, 'application/x-www-form-urlencoded', o);
    },
    event(event, o = {}) {
      const body = JSON.stringify({
        token: 'legacy-verification-token',
        team_id: 'T0BANK',
        api_app_id: 'A0CLIENTDESK',
        event: { event_ts: event.ts ?? '1767225600.000001', ...event },
        type: 'event_callback',
        event_id: o.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: 'T0BANK', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
      });
      return post(body, 'application/json', o);
    },
    interaction(payload, o = {}) {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return post(body, 'application/x-www-form-urlencoded', o);
    },
    async close() {
      await delivery.stop();
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A block_actions payload for a button press, as Slack sends it. */
export function buttonPress(options: {
  user: string;
  actionId: string;
  value: string;
  channel?: string;
  messageTs?: string;
  threadTs?: string;
  responseUrl?: string;
  view?: { id: string; type: 'home' | 'modal' };
}): Record<string, unknown> {
  const triggerId = `trigger-${randomUUID()}`;
  const inChannel = !options.view;
  return {
    type: 'block_actions',
    team: { id: 'T0BANK', domain: 'bank' },
    user: { id: options.user, username: 'someone', name: 'someone', team_id: 'T0BANK' },
    api_app_id: 'A0CLIENTDESK',
    token: 'legacy-verification-token',
    trigger_id: triggerId,
    container: inChannel
      ? { type: 'message', message_ts: options.messageTs ?? '1767225600.000200', channel_id: options.channel ?? 'C0GENERAL', is_ephemeral: false }
      : { type: 'view', view_id: options.view!.id },
    ...(inChannel
      ? {
          channel: { id: options.channel ?? 'C0GENERAL', name: 'general' },
          message: {
            type: 'message',
            user: 'U0BOT',
            ts: options.messageTs ?? '1767225600.000200',
            ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
            text: 'message',
          },
          response_url: options.responseUrl ?? `http://127.0.0.1:1/unused-${triggerId}`,
        }
      : { view: { id: options.view!.id, type: options.view!.type } }),
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'button' },
        value: options.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

/** A view_submission payload: `values` by input id, as Slack puts them in `state.values[block][action]`. */
export function viewSubmission(options: {
  user: string;
  view: { callback_id: string; private_metadata: string; blocks: { type: string; block_id?: string; element?: { type: string } }[] };
  values: Record<string, string>;
}): Record<string, unknown> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of options.view.blocks) {
    if (block.type !== 'input' || !block.block_id) continue;
    const value = options.values[block.block_id];
    const type = block.element?.type ?? 'plain_text_input';
    state[block.block_id] = {
      [block.block_id]:
        type === 'static_select'
          ? { type, selected_option: value === undefined ? null : { text: { type: 'plain_text', text: value }, value } }
          : { type, value: value ?? null },
    };
  }
  return {
    type: 'view_submission',
    team: { id: 'T0BANK', domain: 'bank' },
    user: { id: options.user, username: 'someone', name: 'someone', team_id: 'T0BANK' },
    api_app_id: 'A0CLIENTDESK',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${randomUUID()}`,
    view: {
      id: 'V0FORM',
      team_id: 'T0BANK',
      type: 'modal',
      callback_id: options.view.callback_id,
      private_metadata: options.view.private_metadata,
      blocks: options.view.blocks,
      state: { values: state },
      hash: 'hash-1',
      title: { type: 'plain_text', text: 'form' },
      app_id: 'A0CLIENTDESK',
      bot_id: 'B0BOT',
    },
    response_urls: [],
  };
}

/** Every block's text in posted messages, for assertions about what a person reads. */
export function textOf(params: Record<string, unknown>): string {
  const parts: string[] = [];
  const visit = (v: unknown, key?: string) => {
    if (typeof v === 'string') {
      if (key === 'text') parts.push(v);
    } else if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(params.blocks ?? []);
  return parts.join('\n');
}
