// Reading what Teams sends: the shape an activity must have before any work is done, the text a person
// typed (without the bot's @mention), and the values a card's button or form carried.
import { type Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { parseLocale } from '../core/i18n';
import type { ConversationRef, Locale } from '../core/types';

const account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() }).passthrough();

/**
 * What the bot relies on in every activity it acts on. Anything else is malformed and gets 400 before
 * botbuilder sees it (it would throw deep inside a turn and answer 500).
 */
const activitySchema = z
  .object({
    type: z.string().min(1),
    id: z.string().min(1).optional(),
    serviceUrl: z.string().url(),
    channelId: z.string().min(1),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string().min(1), conversationType: z.string().optional(), tenantId: z.string().optional() }).passthrough(),
    text: z.string().optional(),
    name: z.string().optional(),
    locale: z.string().optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough()
  .superRefine((a, ctx) => {
    // Messages and invokes are deduplicated by their id: without one a retry could do the work twice.
    if ((a.type === 'message' || a.type === 'invoke') && !a.id) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'a message or invoke needs an id' });
    }
    if (a.type === 'invoke' && !a.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'an invoke needs a name' });
  });

export type CheckedActivity = z.infer<typeof activitySchema>;

/** Why a request body is not an activity we can act on, or undefined when it is one. */
export function malformation(body: unknown): string | undefined {
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return undefined;
  return parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/**
 * The request body as botbuilder's own `process()` hands it to a turn: a copy, with the timestamps as
 * dates and their text kept in `raw…` (botbuilder's validateAndFixActivity, which it does not export).
 */
export function activityOf(body: Record<string, unknown>): Activity {
  const activity: Record<string, unknown> = { ...body };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

/**
 * The text a person typed, as the console would read it: the bot's own @mention removed (with
 * botbuilder's helper, which uses the mention entity), any other mention left as the plain name, and
 * Teams' HTML markup undone.
 */
export function typedText(activity: Partial<Activity>): string {
  const copy = { ...activity, text: activity.text ?? '' };
  let text = activity.recipient ? TurnContext.removeRecipientMention(copy as Activity) ?? copy.text : copy.text;
  // A mention without its entity (some clients, forwarded messages): a leading <at>…</at> is the bot.
  text = text.replace(/^\s*<at[^>]*>[^<]*<\/at>\s*/i, '');
  text = text.replace(/<at[^>]*>([^<]*)<\/at>/gi, '$1');
  text = text.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div)>/gi, '\n').replace(/<[^>]+>/g, '');
  text = text.replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (entity) => ENTITIES[entity] ?? entity);
  return text.replace(/[ \t]+/g, ' ').trim();
}

/** What a card's Action.Submit or Action.Execute carried: the action id and the values as strings. */
export function cardAction(data: unknown, verb?: string): { actionId: string; values: Record<string, string> } | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const actionId = verb ?? (typeof record.actionId === 'string' ? record.actionId : undefined);
  if (!actionId) return undefined;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'actionId' || key === 'msteams') continue;
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    // An input left empty is not an answer: the command sees it as missing, as in the console.
    if (text === undefined || text.trim() === '') continue;
    values[key] = text;
  }
  return { actionId, values };
}

/** The channel id without the reply chain (`19:…@thread.tacv2;messageid=…` → `19:…@thread.tacv2`). */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

function channelDataOf(activity: Partial<Activity>): { channel?: { id?: string }; team?: { id?: string }; tenant?: { id?: string } } {
  return (activity.channelData ?? {}) as { channel?: { id?: string }; team?: { id?: string }; tenant?: { id?: string } };
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  return channelDataOf(activity).tenant?.id ?? activity.conversation?.tenantId;
}

export function teamOf(activity: Partial<Activity>): string | undefined {
  return channelDataOf(activity).team?.id;
}

/** The channel or chat a message belongs to, whichever thread it is in. */
export function channelIdOf(activity: Partial<Activity>): string {
  return channelDataOf(activity).channel?.id ?? baseConversationId(activity.conversation?.id ?? '');
}

export function isPersonal(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'personal' || (type === undefined && !activity.conversation?.isGroup);
}

/** Where the message came from, as the core sees it. */
export function conversationOf(activity: Partial<Activity>): ConversationRef {
  const id = activity.conversation?.id ?? '';
  const thread = /;messageid=(\d+)/.exec(id)?.[1] ?? activity.replyToId;
  return {
    platform: 'teams',
    id: isPersonal(activity) ? id : channelIdOf(activity),
    ...(thread && !isPersonal(activity) ? { threadId: thread } : {}),
    isDirect: isPersonal(activity),
  };
}

export function localeOf(activity: Partial<Activity>): Locale | undefined {
  return parseLocale(activity.locale);
}

/** A platform event id unique across conversations: Teams message ids are unique only within one. */
export function eventIdOf(activity: Partial<Activity>): string {
  return `${activity.conversation?.id ?? ''}|${activity.id ?? ''}`;
}
