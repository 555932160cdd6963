// Who is speaking in Teams and where the bot can write back later: conversation references are saved
// as people and channels are met, so notifications reach Teams after a restart.
import { type Activity, type ConversationReference, TeamsInfo, TurnContext } from 'botbuilder';
import type { KnowledgeBase } from '../../knowledge/model';
import type { StoredReference, TeamsConversationRepository } from '../../storage/teamsConversations';
import { resolveActor } from '../core/identity';
import type { Logger } from '../core/logger';
import type { Actor } from '../core/types';
import { channelIdOf, isPersonal, localeOf, teamOf, tenantOf } from './inbound';

/** Ask the roster for an e-mail at most this often per person. */
const EMAIL_RECHECK_MS = 24 * 60 * 60 * 1000;
/** The roster call sits in front of the reply: never let it eat Teams' 15 seconds. */
const ROSTER_TIMEOUT_MS = 3_000;

/** A reference for writing to a whole channel (a new post), not into the thread the message came from. */
function channelReference(activity: Partial<Activity>, channelId: string): StoredReference {
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  return {
    ...reference,
    conversation: { ...reference.conversation, id: channelId },
  } as StoredReference;
}

function personalReference(activity: Partial<Activity>): StoredReference {
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  return reference as StoredReference;
}

export function asConversationReference(stored: StoredReference): Partial<ConversationReference> {
  return stored as Partial<ConversationReference>;
}

/** Saves where this activity came from: the person (with their personal chat) and the channel or group chat. */
export function rememberConversation(repo: TeamsConversationRepository, activity: Partial<Activity>, at: Date): void {
  const serviceUrl = activity.serviceUrl;
  if (!serviceUrl) return;
  const tenantId = tenantOf(activity);
  const from = activity.from;
  const personal = isPersonal(activity);
  // In a personal chat `from` is the person whether they wrote or installed the bot.
  if (from?.aadObjectId) {
    repo.rememberPerson(
      { aadObjectId: from.aadObjectId, userId: from.id, name: from.name, tenantId, serviceUrl },
      at,
      personal && activity.conversation ? { conversationId: activity.conversation.id, reference: personalReference(activity) } : undefined,
    );
  }
  if (!personal && activity.conversation) {
    const channelId = channelIdOf(activity);
    repo.rememberChannel(
      {
        channelId,
        teamId: teamOf(activity),
        kind: activity.conversation.conversationType === 'groupChat' ? 'groupChat' : 'channel',
        reference: channelReference(activity, channelId),
        serviceUrl,
        tenantId,
      },
      at,
    );
  }
}

/**
 * The member of staff behind an activity. The departments file knows people by e-mail and sometimes
 * by Teams id; for someone it knows only by e-mail, the team roster is asked once a day for theirs.
 */
export async function actorOf(
  context: TurnContext,
  kb: KnowledgeBase,
  repo: TeamsConversationRepository,
  log: Logger,
  now: Date,
): Promise<Actor> {
  const from = context.activity.from;
  const aad = from.aadObjectId;
  let email: string | undefined;
  if (aad && !kb.personByTeamsId(aad)) {
    const known = repo.person(aad);
    email = known?.email;
    const stale = !known?.emailCheckedAt || now.getTime() - Date.parse(known.emailCheckedAt) > EMAIL_RECHECK_MS;
    if (!email && known && stale) {
      email = await rosterEmail(context, from.id, log);
      repo.recordEmail(aad, email, now);
    }
  }
  return resolveActor(kb, {
    platform: 'teams',
    platformUserId: aad ?? from.id,
    email,
    name: from.name,
    locale: localeOf(context.activity),
  });
}

async function rosterEmail(context: TurnContext, userId: string, log: Logger): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const member = await Promise.race([
      TeamsInfo.getMember(context, userId),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('roster timed out')), ROSTER_TIMEOUT_MS);
      }),
    ]);
    return (member.email ?? member.userPrincipalName)?.toLowerCase();
  } catch (error) {
    log.info('teams.roster_unavailable', { error: error instanceof Error ? error.message : String(error) });
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
