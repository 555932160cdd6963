// POST /api/messages on the shared Express app: authentication as the Bot Framework requires, 400 for
// what is not an activity, an answer before the work, and the turn handed to the bot.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { type AfterAckQueue, BUSY_NOTICE_BOTH } from '../core/afterAck';
import { newErrorId } from '../core/errors';
import type { Logger } from '../core/logger';
import { activityOf, eventIdOf, malformation } from './inbound';

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

export interface EndpointOptions {
  /** Where the turns run after their request was answered. */
  afterAck: AfterAckQueue;
  /** Tests only: answer Teams after the turn is done, so a test can see its effects. Off in production. */
  processBeforeResponse?: boolean;
}

/** The turns still running after their request was answered. */
export interface TeamsTurns {
  /** Resolves when every accepted activity has been worked off (tests; a graceful shutdown). */
  idle(): Promise<void>;
}

type Authenticated = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** How many activity ids the endpoint remembers to drop a retry at the door (the dispatcher's store is the durable check). */
const REMEMBERED_ACTIVITIES = 10_000;

/**
 * Mounts `POST /api/messages` on the one HTTP app.
 *
 * Teams sends an activity again when it has no answer within 15 seconds, so the endpoint answers first
 * and works after, where the protocol allows: an activity that is well formed, authenticated and not a
 * retry gets 200 at once, and its turn is queued to run afterwards, one turn per event-loop turn
 * (`processActivityDirect` with the result of the authentication already done), its replies going through
 * the connector as always. An `invoke` stays in the request: its answer (an updated card, search results)
 * is the HTTP response body.
 *
 * When the queue is full, a message is answered with a short notice in both languages (one post to the
 * connector, no search), and any other activity (an install, a membership change) with 503, so that
 * nothing the bot must remember is acknowledged and then dropped.
 */
export function mountTeams(app: Express, teams: TeamsAdapter, bot: TeamsTurnHandler, log: Logger, options: EndpointOptions): TeamsTurns {
  const { afterAck } = options;
  const accepted = new RecentIds(REMEMBERED_ACTIVITIES);
  const logic = (context: TurnContext) => bot.run(context);

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
      const activity = activityOf(req.body as Record<string, unknown>);
      if (activity.type === 'invoke') {
        await teams.adapter.process(req, res, logic);
        return;
      }
      let authenticated: Authenticated;
      try {
        authenticated = await teams.auth.authenticateRequest(activity, req.headers.authorization ?? '');
      } catch (error) {
        // botframework-connector's AuthenticationError carries a status: 4xx is the caller's token; anything
        // else (the token keys could not be fetched) is ours, and a 500 makes Teams try again later.
        const status = (error as { statusCode?: unknown }).statusCode;
        const refused = typeof status === 'number' && status >= 400 && status < 500;
        if (refused) log.warn('teams.unauthorized', { activityType: activity.type });
        else log.error('teams.authentication_failed', { error });
        res.status(refused ? 401 : 500).json({ error: refused ? 'unauthorized' : 'authentication failed' });
        return;
      }
      // A retry of what this process already took: Teams gets its answer, the work is not done twice (a
      // retried install would otherwise say hello twice). Messages are also checked durably by the dispatcher.
      const activityId = activity.id ? eventIdOf(activity) : undefined;
      if (activityId && accepted.has(activityId)) {
        log.info('teams.duplicate_activity', { activityType: activity.type });
        res.status(200).end();
        return;
      }
      const queued = afterAck.submit(`teams.${activity.type}`, () =>
        teams.adapter.processActivityDirect(authenticated, activity, logic).catch((error: unknown) => {
          // Errors inside the turn went to onTurnError; this is a turn that could not start (no connector).
          log.error('teams.turn_not_started', { errorId: newErrorId(), activityType: activity.type, error });
        }),
      );
      if (!queued.accepted && activity.type !== 'message') {
        res.status(503).json({ error: 'busy' });
        return;
      }
      if (activityId) accepted.add(activityId);
      if (!queued.accepted) {
        void teams.adapter
          .processActivityDirect(authenticated, activity, async (context) => {
            await context.sendActivity(BUSY_NOTICE_BOTH);
          })
          .catch((error: unknown) => log.error('teams.busy_notice_failed', { errorId: newErrorId(), error }));
      } else if (options.processBeforeResponse) {
        await queued.finished;
      }
      res.status(200).end();
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
  return { idle: () => afterAck.drain() };
}

/** Ids seen lately, the oldest forgotten first. */
class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}
