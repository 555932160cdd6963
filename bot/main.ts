// The entry point: the only place that reads process.env. Parses configuration once and starts the adapters.
import { type ConsoleSession, createAsCommand } from './console/asCommand';
import { ConsoleAdapter } from './console/consoleAdapter';
import { ConsoleDeliverer } from './console/consoleDeliverer';
import { AfterAckQueue } from './core/afterAck';
import { type Deliverer, OutboxDelivery } from './core/outboxDelivery';
import type { Command } from './core/command';
import { ConfigError, parseConfig } from './config';
import { createCore } from './core/app';
import { createDeskScheduler } from './core/digest/jobs';
import { createLogger } from './core/logger';
import { noticeUnfinishedRequests, UNFINISHED_CHECK_DELAY_MS } from './core/unfinishedRequests';
import { monthlyReportJob } from './core/rating/reportJob';
import { createHttpApp, listen } from './server';
import { createSlackAdapter } from './slack/slackApp';
import { startTeams, TEAMS_PATH, teamsCommands } from './teams';
import { systemClock } from './core/types';
import { KnowledgeLoadError } from '../knowledge/service';
import { DatabaseVersionError } from '../storage/database';

async function main(): Promise<void> {
  const config = parseConfig(process.env, process.argv.slice(2));
  const log = createLogger({ level: config.logLevel });
  if (config.secretIsDefault && !config.platforms.includes('console')) {
    log.warn('config.default_secret', { hint: 'set CLIENTDESK_SECRET so client references are hashed with a key of your own' });
  }
  const session: ConsoleSession = { userEmail: config.consoleUser };
  const core = createCore({
    knowledgeFolder: config.knowledgeFolder,
    databaseFile: config.databaseFile,
    settings: { timezone: config.timezone, secret: config.secret, platforms: config.platforms },
    clock: systemClock,
    log,
    watchKnowledge: true,
    extraCommands: [
      ...(config.platforms.includes('console') ? [createAsCommand(session) as Command] : []),
      ...(config.platforms.includes('teams') ? teamsCommands() : []),
    ],
  });
  log.info('clientdesk.started', { platforms: config.platforms, entries: core.knowledge.current.kb.entries.length });
  // Whatever a crash cut off before this start is told to the person who asked (the outbox sends it), once
  // any other process sharing the database has had time to finish what it was running.
  const startedAt = core.clock.now();
  const unfinishedCheck = setTimeout(() => {
    try {
      noticeUnfinishedRequests({ ...core, zone: config.timezone }, config.platforms, startedAt);
    } catch (error) {
      log.error('request.unfinished_check_failed', { error });
    }
  }, UNFINISHED_CHECK_DELAY_MS);
  unfinishedCheck.unref();

  // Digests, reminders and escalation: every 30 s; what a run enqueues goes out with the outbox.
  const scheduler = createDeskScheduler({ knowledge: () => core.knowledge.current.kb, stores: core.stores, log, settings: core.settings });
  // The committee's monthly report: first working day of the month, once.
  scheduler.register(monthlyReportJob);
  const afterScheduledRuns: (() => void)[] = [];
  // A script piping lines into the console wants its replies only, not a morning digest caught up mid-way.
  const scriptedConsole = config.platforms.length === 1 && config.platforms[0] === 'console' && process.stdin.isTTY !== true;
  if (!scriptedConsole) {
    scheduler.start(core.clock, {
      onRan: () => {
        for (const deliver of afterScheduledRuns) deliver();
      },
    });
  }

  // Work acknowledged but not yet done (a Slack request or a Teams turn answered first) finishes before the database closes.
  const pendingWork: (() => Promise<unknown>)[] = [];
  const shutdown = async () => {
    scheduler.stop();
    await Promise.race([Promise.all(pendingWork.map((idle) => idle())), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    core.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());

  // Slack and Teams share one HTTP server on PORT with /healthz; the outbox delivers to each platform.
  if (config.platforms.includes('slack') || config.platforms.includes('teams')) {
    // One queue for the work after every ack, Slack's and Teams' alike: one bound, one drain at shutdown.
    const afterAck = new AfterAckQueue({ log });
    pendingWork.push(() => afterAck.drain());
    const http = createHttpApp(() => ({ platforms: config.platforms }));
    let delivery: OutboxDelivery | undefined;
    const deliverers: Deliverer[] = [];
    let slackEndpoint: string | undefined;
    if (config.platforms.includes('slack')) {
      const slack = createSlackAdapter(core, {
        botToken: config.slack.botToken!,
        signingSecret: config.slack.signingSecret,
        appToken: config.slack.appToken,
        apiUrl: config.slack.apiUrl,
        httpApp: http,
        onOutboxWork: () => delivery?.kick(),
        afterAck,
      });
      await slack.start();
      deliverers.push(slack.deliverer);
      slackEndpoint = slack.mode === 'http' ? '/slack/events' : 'socket mode';
    }
    if (config.platforms.includes('teams')) {
      // Without MICROSOFT_APP_ID the endpoint runs unauthenticated for local use (it says so in the log).
      const teams = startTeams(core, http, config.teams, { afterCommand: () => delivery?.kick(), afterAck });
      deliverers.push(teams.deliverer);
    }
    delivery = new OutboxDelivery(core.stores, deliverers, core.clock, log);
    delivery.start();
    await listen(http, config.port);
    log.info('http.listening', { port: config.port, slack: slackEndpoint, teams: config.platforms.includes('teams') ? TEAMS_PATH : undefined });
  }

  if (config.platforms.includes('console')) {
    const delivery = new OutboxDelivery(core.stores, [new ConsoleDeliverer(process.stdout, () => core.knowledge.current)], core.clock, log);
    const consoleAdapter = new ConsoleAdapter(core, {
      input: process.stdin,
      output: process.stdout,
      session,
      interactive: process.stdin.isTTY === true,
      afterEach: () => delivery.runOnce(),
    });
    afterScheduledRuns.push(() => void delivery.runOnce());
    await consoleAdapter.run();
    scheduler.stop();
    core.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof KnowledgeLoadError || error instanceof DatabaseVersionError) {
    process.stderr.write(`clientdesk: ${error.message}\n`);
  } else {
    process.stderr.write(`clientdesk: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
