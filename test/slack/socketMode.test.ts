import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { parseConfig } from '../../bot/config';
import { createCore } from '../../bot/core/app';
import { createLogger } from '../../bot/core/logger';
import { systemClock } from '../../bot/core/types';
import { createSlackAdapter } from '../../bot/slack/slackApp';
import { textOf } from './harness';
import { StandInSlackApi } from './standInSlack';
import { until } from '../support/waiting';

/** A stand-in for Slack's Socket Mode endpoint: says hello, sends envelopes, collects the acks. */
class StandInSocket {
  readonly acks: { envelope_id: string; payload?: Record<string, unknown> }[] = [];
  private socket?: WebSocket;
  private connected!: () => void;
  readonly ready = new Promise<void>((resolve) => {
    this.connected = resolve;
  });

  private constructor(readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => this.acks.push(JSON.parse(String(data)) as StandInSocket['acks'][number]));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0CLIENTDESK' }, debug_info: { host: 'stand-in' } }));
      this.connected();
    });
  }

  static async start(): Promise<StandInSocket> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new StandInSocket(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
  }

  send(envelope: Record<string, unknown>): void {
    this.socket!.send(JSON.stringify(envelope));
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('Slack Socket Mode', () => {
  it('connects through apps.connections.open, acknowledges envelopes and answers as over HTTP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientdesk-socket-'));
    const api = await StandInSlackApi.start();
    const socket = await StandInSocket.start();
    api.socketUrl = socket.url;
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_APP_TOKEN: 'xapp-test-token',
      SLACK_API_URL: api.url,
      CLIENTDESK_DB: join(dir, 'clientdesk.db'),
    });
    expect(config.platforms).toEqual(['slack']);
    const core = createCore({
      knowledgeFolder: config.knowledgeFolder,
      databaseFile: config.databaseFile,
      settings: { timezone: config.timezone, secret: config.secret, platforms: config.platforms },
      clock: systemClock,
      log: createLogger({ write: () => {} }),
      cacheDir: join(tmpdir(), 'clientdesk-slack-test-index'),
    });
    const adapter = createSlackAdapter(core, {
      botToken: config.slack.botToken!,
      appToken: config.slack.appToken,
      apiUrl: config.slack.apiUrl,
      clientRetries: 0,
      channelIntervalMs: 0,
    });
    try {
      expect(adapter.mode).toBe('socket');
      await adapter.start();
      await socket.ready;
      expect(api.callsOf('apps.connections.open')).toHaveLength(1);
      // The app-level token opens the connection; the bot token does the rest.
      expect(api.callsOf('apps.connections.open')[0]!.token).toBe('xapp-test-token');
      expect(api.callsOf('auth.test')[0]!.token).toBe('xoxb-test-token');

      socket.send({
        envelope_id: 'env-command-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          team_id: 'T0BANK',
          channel_id: 'C0GENERAL',
          channel_name: 'general',
          user_id: 'U0CLIENT01',
          command: '/ask',
          text: 'Как заблокировать карту клиента?',
          api_app_id: 'A0CLIENTDESK',
          response_url: api.responseUrl('socket-command'),
          trigger_id: 'trigger-socket-1',
        },
      });
      await until(() => api.callsOf('chat.postMessage').length >= 2, 'the answer', 200);
      expect(socket.acks.map((a) => a.envelope_id)).toContain('env-command-1');
      const answer = api.callsOf('chat.postMessage')[1]!;
      expect(answer.params.thread_ts).toBeDefined();
      expect(textOf(answer.params)).toContain('card-block');

      const event = {
        envelope_id: 'env-event-1',
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
        payload: {
          team_id: 'T0BANK',
          api_app_id: 'A0CLIENTDESK',
          type: 'event_callback',
          event_id: 'Ev0SOCKET1',
          event_time: Math.floor(Date.now() / 1000),
          event: { type: 'app_mention', user: 'U0CARDS03', text: '<@U0BOT> how does a client block a card?', channel: 'C0CARDS', ts: '1767225600.003000' },
        },
      };
      socket.send(event);
      // Slack resends an envelope it thinks was lost; the event id makes it a no-op.
      socket.send({ ...event, envelope_id: 'env-event-1-retry', retry_attempt: 1, retry_reason: 'timeout' });
      await until(() => socket.acks.some((a) => a.envelope_id === 'env-event-1-retry'), 'the retry to be acknowledged', 200);
      await until(() => api.callsOf('chat.postMessage').length >= 3, 'the answer to the mention', 200);
      const mentionAnswers = api.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C0CARDS');
      expect(mentionAnswers).toHaveLength(1);
      expect(mentionAnswers[0]!.params.thread_ts).toBe('1767225600.003000');
    } finally {
      await adapter.stop();
      await socket.close();
      await api.close();
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
