// POST /api/messages on the shared Express app: authentication as the Bot Framework requires, 400 for
// what is not an activity, and the turn handed to the bot.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../core/logger';
import { newErrorId } from '../core/errors';
import { malformation } from './inbound';

export const TEAMS_PATH = '/api/messages';

/** The Teams settings from configuration (names fixed in ARCHITECTURE.md). */
export interface TeamsSettings {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType?: string;
}

export interface TeamsAdapter {
  adapter: CloudAdapter;
  auth: ConfigurationBotFrameworkAuthentication;
  /** The bot's app id ('' when running unauthenticated for local use). */
  appId: string;
  authenticated: boolean;
}

/**
 * With an app id, every request must carry a Bot Framework token for it (401 otherwise) and replies are
 * sent with the app's credentials. Without one, nothing is checked: for the emulator and tests only.
 */
export function createTeamsAdapter(settings: TeamsSettings, log: Logger): TeamsAdapter {
  const authenticated = !!settings.appId;
  const auth = new ConfigurationBotFrameworkAuthentication(
    authenticated
      ? {
          MicrosoftAppId: settings.appId,
          MicrosoftAppPassword: settings.appPassword,
          MicrosoftAppTenantId: settings.tenantId,
          MicrosoftAppType: settings.appType ?? (settings.tenantId ? 'SingleTenant' : 'MultiTenant'),
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const errorId = newErrorId();
    log.error('teams.turn_failed', { errorId, activityType: context.activity.type, error });
    if (context.activity.type !== 'message') return;
    try {
      await context.sendActivity(
        `Извините, что-то пошло не так. Код ошибки: ${errorId}\nSorry, something went wrong on our side. Error id: ${errorId}`,
      );
    } catch {
      // The connector itself failed; the log line above is all we can do.
    }
  };
  if (authenticated) {
    log.info('teams.authenticated', { appId: settings.appId, appType: settings.appType ?? (settings.tenantId ? 'SingleTenant' : 'MultiTenant') });
  } else {
    log.warn('teams.unauthenticated', {
      hint: 'MICROSOFT_APP_ID is not set: /api/messages accepts requests without a Bot Framework token. For local use with an emulator only.',
    });
  }
  return { adapter, auth, appId: settings.appId ?? '', authenticated };
}

export interface TeamsTurnHandler {
  run(context: TurnContext): Promise<void>;
}

/** Mounts `POST /api/messages` on the one HTTP app. */
export function mountTeams(app: Express, teams: TeamsAdapter, bot: TeamsTurnHandler, log: Logger): void {
  app.post(
    TEAMS_PATH,
    express.json({ limit: '1mb', type: () => true }),
    async (req: Request, res: Response) => {
      const problem = malformation(req.body);
      if (problem) {
        log.warn('teams.malformed_activity', { problem });
        res.status(400).json({ error: 'malformed activity', detail: problem });
        return;
      }
      await teams.adapter.process(req, res, (context) => bot.run(context));
    },
    // Bodies that are not JSON at all, or too big: the client's fault, said as such.
    (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      const status = (error as { status?: number }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        log.warn('teams.unreadable_body', { status });
        res.status(status).json({ error: status === 413 ? 'activity too large' : 'malformed activity' });
        return;
      }
      next(error);
    },
  );
}
