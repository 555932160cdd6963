// The outbox on Teams: notifications the bot sends on its own, through stored conversation references.
import type { Activity, ChannelAccount, CloudAdapter, ConversationParameters, TurnContext } from 'botbuilder';
import type { KnowledgeSnapshot } from '../../knowledge/service';
import type { ClaimedItem, OutboxItem } from '../../storage/outbox';
import type { Stores } from '../../storage/stores';
import type { StoredReference } from '../../storage/teamsConversations';
import { renderClaimed } from '../core/issues/issueNotices';
import type { Logger } from '../core/logger';
import type { DeliveryOutcome, Deliverer } from '../core/outboxDelivery';
import type { Clock, Locale, Reply } from '../core/types';
import { messageActivity, renderReply, type TeamsMessage } from './cards';
import { imageReader } from './images';
import { baseConversationId } from './inbound';
import { asConversationReference } from './people';

type Destination =
  | { kind: 'conversation'; reference: StoredReference; conversationId: string; personal: boolean; locale: Locale }
  /** A person the bot has no personal chat with yet: one is opened first. */
  | { kind: 'open_chat'; via: StoredReference; userId: string; aadObjectId: string; tenantId?: string; personId: string; locale: Locale };

type Resolution = Destination | { kind: 'skip'; reason: string } | { kind: 'fail'; reason: string };

export interface TeamsDelivererDeps {
  adapter: CloudAdapter;
  appId: string;
  stores: Stores;
  knowledge: () => KnowledgeSnapshot;
  clock: Clock;
  log: Logger;
}

/** The part of botbuilder's connector client the deliverer uses. */
interface Connector {
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
    createConversation(parameters: ConversationParameters): Promise<{ id?: string }>;
  };
}

/**
 * Sends outbox items to Teams: a department's channel (from `channels.teams` in the departments file,
 * or the channel registered with `teams register`), a person's personal chat, or a known conversation.
 * Anchored items update the posted card in place or answer in its thread. Throttling (429), server
 * errors and network failures come back as `retry` with the connector's Retry-After, so the outbox
 * does the back-off, not the SDK.
 */
export class TeamsDeliverer implements Deliverer {
  readonly platform = 'teams' as const;

  private readonly readImage: (path: string) => Buffer | undefined;

  constructor(private readonly deps: TeamsDelivererDeps) {
    this.readImage = imageReader(deps.log);
  }

  async deliver(claimed: ClaimedItem): Promise<DeliveryOutcome> {
    const destination = this.resolve(claimed);
    if (destination.kind === 'skip') return { status: 'skipped', reason: destination.reason };
    if (destination.kind === 'fail') return { status: 'failed', error: destination.reason };
    // Rendered now, from the issue as it is now (a notice), or as written (any other message).
    const item = renderClaimed(claimed, this.deps.knowledge().kb, this.deps.clock.now());
    if ('skip' in item) return { status: 'skipped', reason: item.skip };
    try {
      return await this.send(item, destination);
    } catch (error) {
      return outcomeOf(error);
    }
  }

  private resolve(item: ClaimedItem): Resolution {
    const { kb } = this.deps.knowledge();
    const target = item.target;
    switch (target.kind) {
      case 'department':
        return this.departmentChannel(target.departmentId);
      case 'committee': {
        const committee = kb.committee();
        return committee ? this.departmentChannel(committee.id) : { kind: 'skip', reason: 'no committee in the departments file' };
      }
      case 'person':
        return this.personalChat(target.personId);
      case 'conversation': {
        const { conversation } = target;
        if (conversation.platform !== 'teams') return { kind: 'skip', reason: `a ${conversation.platform} conversation` };
        const repo = this.deps.stores.teamsConversations;
        const channel = repo.channel(baseConversationId(conversation.id));
        if (channel) {
          const conversationId = conversation.threadId ? `${channel.channelId};messageid=${conversation.threadId}` : channel.channelId;
          return { kind: 'conversation', reference: channel.reference, conversationId, personal: false, locale: 'ru' };
        }
        const person = repo.personInConversation(conversation.id);
        if (person?.personalReference) {
          return { kind: 'conversation', reference: person.personalReference, conversationId: conversation.id, personal: true, locale: this.localeOfPerson(person.email ?? `teams:${person.aadObjectId}`) };
        }
        return { kind: 'skip', reason: 'no stored reference for this Teams conversation' };
      }
    }
  }

  /** A department's channel: the registered one, else the one the departments file names. Read in Russian. */
  private departmentChannel(departmentId: string): Resolution {
    const { kb } = this.deps.knowledge();
    const department = kb.department(departmentId);
    if (!department) return { kind: 'fail', reason: `unknown department ${departmentId}` };
    const repo = this.deps.stores.teamsConversations;
    const registered = repo.registeredChannel(departmentId);
    if (registered) return { kind: 'conversation', reference: registered.reference, conversationId: registered.channelId, personal: false, locale: 'ru' };
    const channelId = department.channels.teams;
    if (!channelId) return { kind: 'skip', reason: `department ${departmentId} has no Teams channel` };
    const known = repo.channel(channelId);
    if (known) return { kind: 'conversation', reference: known.reference, conversationId: channelId, personal: false, locale: 'ru' };
    // Named in the file but never seen: channels of a tenant share one service URL, so any stored
    // reference reaches it once the app is installed in its team.
    const latest = repo.latestReference();
    if (!latest) return { kind: 'skip', reason: `no Teams conversation reference yet: install the app in the team of ${channelId}` };
    const reference = { ...latest.reference, conversation: { id: channelId, isGroup: true, conversationType: 'channel', tenantId: latest.tenantId } };
    return { kind: 'conversation', reference, conversationId: channelId, personal: false, locale: 'ru' };
  }

  private personalChat(personId: string): Resolution {
    const { kb } = this.deps.knowledge();
    const repo = this.deps.stores.teamsConversations;
    let aad: string | undefined;
    if (personId.startsWith('teams:')) aad = personId.slice('teams:'.length);
    else if (personId.includes('@')) aad = kb.person(personId)?.teams ?? repo.personWithEmail(personId)?.aadObjectId;
    if (!aad) return { kind: 'skip', reason: 'the person has no Teams account we know of' };
    const locale = this.localeOfPerson(personId);
    const met = repo.person(aad);
    if (met?.personalReference) {
      const reference = met.personalReference;
      const conversationId = String((reference.conversation as { id?: unknown } | undefined)?.id ?? '');
      return { kind: 'conversation', reference, conversationId, personal: true, locale };
    }
    const latest = repo.latestReference();
    if (!latest) return { kind: 'skip', reason: 'no Teams conversation reference yet to open a personal chat from' };
    return {
      kind: 'open_chat',
      via: met ? { ...latest.reference, serviceUrl: met.serviceUrl } : latest.reference,
      // Teams accepts the Azure AD object id where the 29: id is not known yet.
      userId: met?.userId ?? aad,
      aadObjectId: aad,
      tenantId: met?.tenantId ?? latest.tenantId,
      personId,
      locale,
    };
  }

  private localeOfPerson(personId: string): Locale {
    const chosen = this.deps.stores.prefs.of(personId.toLowerCase()).locale;
    return chosen ?? (personId.includes('@') ? this.deps.knowledge().kb.person(personId)?.locale : undefined) ?? 'ru';
  }

  private async send(item: OutboxItem, destination: Destination): Promise<DeliveryOutcome> {
    const reply: Reply = item.payload[destination.locale];
    const { messages, summary } = renderReply(reply, { locale: destination.locale, readImage: this.readImage });
    const via = destination.kind === 'open_chat' ? destination.via : destination.reference;
    let outcome: DeliveryOutcome = { status: 'sent' };
    await this.withConnector(via, async (client, bot) => {
      let conversationId: string;
      let personal: boolean;
      if (destination.kind === 'open_chat') {
        conversationId = await this.openPersonalChat(client, bot, destination);
        personal = true;
      } else {
        conversationId = destination.conversationId;
        personal = destination.personal;
      }
      const anchorKey = baseConversationId(conversationId);
      const anchor = item.anchor ? this.deps.stores.anchors.find(item.anchor, 'teams', anchorKey) : undefined;
      const message = (m: TeamsMessage): Partial<Activity> => ({ ...messageActivity(m, summary), from: bot });

      if (item.mode === 'update') {
        if (!anchor) {
          outcome = { status: 'skipped', reason: 'no card of this anchor in this conversation' };
          return;
        }
        const [first, ...rest] = messages;
        await client.conversations.updateActivity(anchor.channel, anchor.messageId, { ...message(first!), id: anchor.messageId });
        for (const m of rest) await client.conversations.sendToConversation(this.threadOf(anchor, personal), message(m));
        return;
      }
      if (item.mode === 'thread') {
        if (!anchor) {
          outcome = { status: 'skipped', reason: 'no card of this anchor to answer under' };
          return;
        }
        for (const m of messages) await client.conversations.sendToConversation(this.threadOf(anchor, personal), message(m));
        return;
      }
      let firstId: string | undefined;
      for (const m of messages) {
        const sent = await client.conversations.sendToConversation(conversationId, message(m));
        firstId ??= sent.id;
      }
      if (item.anchor && firstId) {
        this.deps.stores.anchors.save(item.anchor, 'teams', anchorKey, { channel: conversationId, messageId: firstId }, this.deps.clock.now());
      }
    });
    return outcome;
  }

  /** In a channel a card's thread is its own conversation id; a personal chat has no threads. */
  private threadOf(anchor: { channel: string; messageId: string }, personal: boolean): string {
    return personal ? anchor.channel : `${baseConversationId(anchor.channel)};messageid=${anchor.messageId}`;
  }

  private async openPersonalChat(client: Connector, bot: ChannelAccount | undefined, to: Extract<Destination, { kind: 'open_chat' }>): Promise<string> {
    const created = await client.conversations.createConversation({
      isGroup: false,
      bot,
      members: [{ id: to.userId } as ChannelAccount],
      tenantId: to.tenantId,
      channelData: to.tenantId ? { tenant: { id: to.tenantId } } : undefined,
    } as ConversationParameters);
    if (!created.id) throw Object.assign(new Error('Teams opened no conversation'), { statusCode: 502 });
    const reference = {
      channelId: 'msteams',
      serviceUrl: String(to.via.serviceUrl ?? ''),
      bot,
      user: { id: to.userId, aadObjectId: to.aadObjectId },
      conversation: { id: created.id, conversationType: 'personal', tenantId: to.tenantId },
    };
    this.deps.stores.teamsConversations.rememberPerson(
      { aadObjectId: to.aadObjectId, userId: to.userId, tenantId: to.tenantId, serviceUrl: reference.serviceUrl },
      this.deps.clock.now(),
      { conversationId: created.id, reference },
    );
    this.deps.log.info('teams.personal_chat_opened', { person: to.personId });
    return created.id;
  }

  /**
   * Runs `work` with an authenticated connector client for the reference's service URL. The SDK's own
   * retry policy is taken out of that client: it would sleep through Retry-After inside the delivery
   * loop, while the outbox retries later without blocking other items.
   */
  private async withConnector(reference: StoredReference, work: (client: Connector, bot: ChannelAccount | undefined) => Promise<void>): Promise<void> {
    const ref = asConversationReference(reference);
    // An error inside the turn would go to the adapter's onTurnError and be swallowed: carry it out.
    let failure: { error: unknown } | undefined;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, ref, async (context: TurnContext) => {
      try {
        const client = context.turnState.get(context.adapter.ConnectorClientKey) as Connector;
        withoutSdkRetries(client);
        await work(client, ref.bot);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  }
}

function withoutSdkRetries(client: Connector): void {
  const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } }).client?.pipeline;
  pipeline?.removePolicy({ phase: 'Retry' });
}

/** A connector error as an outbox outcome: throttling, server and network errors are retried. */
export function outcomeOf(error: unknown): DeliveryOutcome {
  const e = error as { statusCode?: number; code?: string; message?: string; response?: { headers?: { get?(name: string): string | undefined } } };
  const message = `${e.statusCode ?? e.code ?? 'error'}: ${e.message ?? String(error)}`.slice(0, 500);
  const status = e.statusCode;
  if (status === undefined || status === 429 || status >= 500 || status === 401 || status === 408) {
    const retryAfterMs = retryAfter(e.response?.headers?.get?.('retry-after'));
    return { status: 'retry', error: message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { status: 'failed', error: message };
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfter(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
