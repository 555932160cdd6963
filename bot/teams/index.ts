// The Teams adapter, wired: the entry point and tests start here. Only bot/teams imports botbuilder.
import type { Express } from 'express';
import { AfterAckQueue } from '../core/afterAck';
import type { Core } from '../core/app';
import { ClientdeskTeamsBot } from './bot';
import { createTeamsAdapter, mountTeams, type TeamsAdapter, type TeamsSettings, type TeamsTurns } from './endpoint';
import { TeamsDeliverer } from './deliverer';

export { teamsCommands } from './registerCommand';
export { TEAMS_PATH, type TeamsSettings } from './endpoint';

export interface TeamsRuntime {
  adapter: TeamsAdapter;
  bot: ClientdeskTeamsBot;
  /** Hand this to the OutboxDelivery: department channels, personal chats and card updates on Teams. */
  deliverer: TeamsDeliverer;
  /** Activities answered at once and still being worked on: await `idle()` before closing the core. */
  turns: TeamsTurns;
}

export interface TeamsOptions {
  /** After a command ran (it may have written notifications): e.g. `delivery.kick()`. */
  afterCommand?: () => void;
  /** Tests only: answer each request after its turn, not before. Off in production (Teams retries after 15 s). */
  processBeforeResponse?: boolean;
  /** Where turns run after their request was answered; the entry point shares one with Slack. Default: a queue of its own. */
  afterAck?: AfterAckQueue;
}

/**
 * Mounts `POST /api/messages` on the shared HTTP app. With `settings.appId` the endpoint authenticates
 * as the Bot Framework requires; without, it runs unauthenticated for local use and logs a warning.
 * The core must have been created with `teamsCommands()` among its extra commands.
 */
export function startTeams(core: Core, app: Express, settings: TeamsSettings, options: TeamsOptions = {}): TeamsRuntime {
  const log = core.log.child({ platform: 'teams' });
  const adapter = createTeamsAdapter(settings, log);
  const bot = new ClientdeskTeamsBot(core, { afterCommand: options.afterCommand });
  const afterAck = options.afterAck ?? new AfterAckQueue({ log });
  const turns = mountTeams(app, adapter, bot, log, { afterAck, processBeforeResponse: options.processBeforeResponse });
  const deliverer = new TeamsDeliverer({
    adapter: adapter.adapter,
    appId: adapter.appId,
    stores: core.stores,
    knowledge: () => core.knowledge.current,
    clock: core.clock,
    log,
  });
  return { adapter, bot, deliverer, turns };
}
