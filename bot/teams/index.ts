// The Teams adapter, wired: the entry point and tests start here. Only bot/teams imports botbuilder.
import type { Express } from 'express';
import type { Core } from '../core/app';
import { ClientdeskTeamsBot } from './bot';
import { createTeamsAdapter, mountTeams, type TeamsAdapter, type TeamsSettings } from './endpoint';
import { TeamsDeliverer } from './deliverer';

export { teamsCommands } from './registerCommand';
export { TEAMS_PATH, type TeamsSettings } from './endpoint';

export interface TeamsRuntime {
  adapter: TeamsAdapter;
  bot: ClientdeskTeamsBot;
  /** Hand this to the OutboxDelivery: department channels, personal chats and card updates on Teams. */
  deliverer: TeamsDeliverer;
}

export interface TeamsOptions {
  /** After a command ran (it may have written notifications): e.g. `delivery.kick()`. */
  afterCommand?: () => void;
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
  mountTeams(app, adapter, bot, log);
  const deliverer = new TeamsDeliverer({
    adapter: adapter.adapter,
    appId: adapter.appId,
    stores: core.stores,
    knowledge: () => core.knowledge.current,
    clock: core.clock,
    log,
  });
  return { adapter, bot, deliverer };
}
