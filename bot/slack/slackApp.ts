import { App, ExpressReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Express } from 'express';
import { AfterAckQueue } from '../core/afterAck';
import type { Core } from '../core/app';
import { boltLogger } from './boltLogger';
import { SlackDeliverer } from './deliverer';
import { HomeRefresher } from './homeRefresh';
import { SlackIdentity } from './identity';
import { SlackListeners } from './listeners';
import { ChannelPacer } from './pacer';
import { ReplyRouter } from './replies';
import { SlackSender } from './sender';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapterOptions {
  botToken: string;
  /** HTTP mode: requests at `/slack/events` on the shared HTTP server, signed with this secret. */
  signingSecret?: string;
  /** Socket Mode instead of HTTP (an `xapp-` token). */
  appToken?: string;
  /** Another Web API base URL (GovSlack; tests point it at a local stand-in). */
  apiUrl?: string;
  /** The shared Express app that `/slack/events` is mounted on (HTTP mode). */
  httpApp?: Express;
  /** Tests only: answer Slack after the work is done, so a test can see its effects. Off in production. */
  processBeforeResponse?: boolean;
  /** Web API client retries before a call fails (the outbox retries deliveries on its own). */
  clientRetries?: number;
  /** Spacing of posts to one channel (Slack allows about one a second). */
  channelIntervalMs?: number;
  viewAckDeadlineMs?: number;
  /** Issue changes within this window refresh an open home tab once (tests: 0). */
  homeRefreshDebounceMs?: number;
  /** Something was put in the outbox, or a command ran that may have: deliver now. */
  onOutboxWork?: () => void;
  /** Where the work after each ack runs; the entry point shares one with Teams. Default: a queue of its own. */
  afterAck?: AfterAckQueue;
}

export interface SlackAdapter {
  mode: 'http' | 'socket';
  app: App;
  deliverer: SlackDeliverer;
  /** Re-publishes the home tabs an issue change concerns. */
  homes: HomeRefresher;
  /** The work acknowledged and not yet done. */
  afterAck: AfterAckQueue;
  /** Checks the token (auth.test) and, in Socket Mode, connects. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Slack adapter: Bolt receives (over HTTP on the shared server, or Socket Mode), the listeners turn
 * requests into `Incoming`s, and one Web API client sends, for replies and the outbox alike.
 */
export function createSlackAdapter(core: Core, options: SlackAdapterOptions): SlackAdapter {
  const log = core.log.child({ platform: 'slack' });
  const logger = boltLogger(log, LogLevel.WARN);
  const slackApiUrl = options.apiUrl ?? 'https://slack.com/api/';
  const retries = options.clientRetries ?? 2;
  const clientOptions = { slackApiUrl, retryConfig: { retries }, logger, timeout: 15_000 };
  // Rate-limited calls fail at once with Retry-After, so the pacer and the outbox decide when to try again.
  const client = new webApi.WebClient(options.botToken, { ...clientOptions, rejectRateLimitedCalls: true });
  const pacer = new ChannelPacer({ intervalMs: options.channelIntervalMs, now: () => core.clock.now().getTime() });
  const sender = new SlackSender(client, pacer, log);
  const identity = new SlackIdentity(client, () => core.knowledge.current.kb, log);
  const router = new ReplyRouter({ sender, stores: core.stores, clock: core.clock, log, onEnqueued: options.onOutboxWork });
  const homes = new HomeRefresher({ core, identity, sender, log }, { debounceMs: options.homeRefreshDebounceMs });
  const afterAck = options.afterAck ?? new AfterAckQueue({ log });
  const deliverer = new SlackDeliverer({
    sender,
    identity,
    kb: () => core.knowledge.current.kb,
    stores: core.stores,
    clock: core.clock,
    log,
    onIssueChanged: (number, department) => homes.issueChanged(number, department),
  });

  const mode = options.appToken ? 'socket' : 'http';
  let receiver: ExpressReceiver | SocketModeReceiver;
  if (options.appToken) {
    receiver = new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions } });
  } else {
    if (!options.signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET');
    receiver = new ExpressReceiver({
      signingSecret: options.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      app: options.httpApp,
      processBeforeResponse: options.processBeforeResponse ?? false,
      logger,
    });
  }
  const app = new App({
    token: options.botToken,
    receiver,
    logger,
    clientOptions,
    socketMode: mode === 'socket',
    // auth.test runs in start(), so a bad token stops the process with a clear message.
    deferInitialization: true,
  });
  new SlackListeners({
    core,
    identity,
    router,
    sender,
    homes,
    log,
    viewAckDeadlineMs: options.viewAckDeadlineMs,
    afterAck,
    answerAfterWork: options.processBeforeResponse ?? false,
    onDispatched: options.onOutboxWork,
  }).register(app);

  return {
    mode,
    app,
    deliverer,
    homes,
    afterAck,
    async start() {
      await app.init();
      if (mode === 'socket') await app.start();
      log.info('slack.started', { mode });
    },
    async stop() {
      await afterAck.drain();
      await homes.settled();
      if (mode === 'socket') await app.stop();
    },
  };
}
