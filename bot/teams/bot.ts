// The Teams turn: one activity in, one `Incoming` to the dispatcher, the reply back as Adaptive Cards.
import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { Core } from '../core/app';
import type { DispatchResult } from '../core/dispatcher';
import type { Actor, Incoming, Locale, Reply } from '../core/types';
import { messageActivity, noticeCard, type RenderOptions, renderReply, type TeamsMessage } from './cards';
import { imageReader } from './images';
import { cardAction, conversationOf, eventIdOf, typedText } from './inbound';
import { entryCard, searchResults, selectedItem } from './messageExtension';
import { actorOf, rememberConversation } from './people';

const WELCOME = {
  ru: 'Здравствуйте! Я clientdesk: утверждённые ответы, кодекс прав клиентов, продукты и обращения клиентов. Напишите вопрос своими словами или `help`.',
  en: 'Hello! I am clientdesk: approved answers, the client rights code, products and client issues. Type a question in your own words, or `help`.',
};
const ALREADY_DONE = { ru: 'Это действие уже выполнено.', en: 'This has already been done.' };
const NOT_AN_ACTION = { ru: 'Эта карточка устарела. Повторите команду.', en: 'This card is out of date. Please run the command again.' };

export interface TeamsBotOptions {
  /** Called after a command ran: it may have written notifications to the outbox. */
  afterCommand?: () => void;
}

export class ClientdeskTeamsBot extends TeamsActivityHandler {
  private readonly readImage: RenderOptions['readImage'];

  constructor(
    private readonly core: Core,
    private readonly options: TeamsBotOptions = {},
  ) {
    super();
    this.readImage = imageReader(core.log.child({ platform: 'teams' }));
    this.onMessage(async (context, next) => {
      await this.onIncomingMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      this.remember(context);
      if (botAdded) {
        this.core.log.info('teams.installed', { conversationType: context.activity.conversation.conversationType ?? 'personal' });
        const locale = (await this.actor(context)).locale;
        await this.send(context, { blocks: [{ type: 'text', markdown: WELCOME[locale] }], fallbackText: WELCOME[locale] }, locale);
      }
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botRemoved = (context.activity.membersRemoved ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botRemoved) {
        this.core.stores.teamsConversations.forget(conversationOf(context.activity).id, this.core.clock.now());
        this.core.log.info('teams.uninstalled', { conversationType: context.activity.conversation.conversationType ?? 'personal' });
      }
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      this.remember(context);
      await next();
    });
  }

  private remember(context: TurnContext): void {
    rememberConversation(this.core.stores.teamsConversations, context.activity, this.core.clock.now());
  }

  private actor(context: TurnContext): Promise<Actor> {
    const { core } = this;
    return actorOf(context, core.knowledge.current.kb, core.stores.teamsConversations, core.log, core.clock.now());
  }

  private localeOf(actor: Actor): Locale {
    return this.core.stores.prefs.of(actor.id).locale ?? actor.locale;
  }

  private async dispatch(context: TurnContext, make: (actor: Actor) => Incoming | undefined): Promise<{ result?: DispatchResult; actor: Actor }> {
    this.remember(context);
    const actor = await this.actor(context);
    const incoming = make(actor);
    if (!incoming) return { actor };
    const result = await this.core.dispatcher.handle(incoming);
    if (result.kind !== 'duplicate') this.options.afterCommand?.();
    return { result, actor };
  }

  /** A typed message, or an Action.Submit from a card (a message whose `value` is the card's data). */
  private async onIncomingMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const envelope = (actor: Actor) => ({ actor, conversation: conversationOf(activity), eventId: eventIdOf(activity) });
    const { result, actor } = await this.dispatch(context, (a) => {
      if (activity.value !== undefined && activity.value !== null) {
        const action = cardAction(activity.value);
        return action ? { kind: 'action', ...action, ...envelope(a) } : undefined;
      }
      return { kind: 'message', text: typedText(activity), ...envelope(a) };
    });
    const locale = this.localeOf(actor);
    if (!result) {
      await this.send(context, { blocks: [{ type: 'text', markdown: NOT_AN_ACTION[locale] }], fallbackText: NOT_AN_ACTION[locale] }, locale);
      return;
    }
    if (result.kind === 'duplicate') return;
    await this.send(context, result.reply, locale);
  }

  /** Posts a reply: one card a message, and a chart too big for a card as a picture of its own. */
  private async send(context: TurnContext, reply: Reply, locale: Locale): Promise<void> {
    const rendered = renderReply(reply, { locale, readImage: this.readImage });
    await this.post(context, rendered.messages, rendered.summary);
  }

  private async post(context: TurnContext, messages: TeamsMessage[], summary: string): Promise<void> {
    for (const message of messages) await context.sendActivity(messageActivity(message, summary));
  }

  /** Action.Execute: the answer is the HTTP response itself, a card that replaces the one pressed. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = cardAction(value.action.data ?? {}, value.action.verb || undefined);
    const { activity } = context;
    const { result, actor } = await this.dispatch(context, (a) =>
      action ? { kind: 'action', ...action, actor: a, conversation: conversationOf(activity), eventId: eventIdOf(activity) } : undefined,
    );
    const locale = this.localeOf(actor);
    const message = (text: string): AdaptiveCardInvokeResponse => ({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: text as unknown as Record<string, unknown>,
    });
    if (!result) {
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: NOT_AN_ACTION.en },
      };
    }
    if (result.kind === 'duplicate') return message(ALREADY_DONE[locale]);
    // Errors in a form: a message, so the card with what was typed stays to be corrected.
    if (result.kind === 'form_errors') return message(result.reply.fallbackText);
    const rendered = renderReply(result.reply, { locale, actionStyle: 'execute', readImage: this.readImage });
    // The first card replaces the one pressed; whatever else the reply needs follows as messages.
    const first = rendered.messages.find((m) => m.kind === 'card');
    await this.post(context, rendered.messages.filter((m) => m !== first), rendered.summary);
    const card = first?.kind === 'card' ? first.card : noticeCard(rendered.summary);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as unknown as Record<string, unknown> };
  }

  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    const actor = await this.actor(context);
    return searchResults(this.core.knowledge.current, query, this.localeOf(actor));
  }

  /** A result was picked: its card goes into the compose box, and the answer counts as served. */
  // biome-ignore lint/suspicious/noExplicitAny: botbuilder types the tap value as any
  protected override async handleTeamsMessagingExtensionSelectItem(context: TurnContext, value: any): Promise<MessagingExtensionResponse> {
    const selected = selectedItem(value);
    const actor = await this.actor(context);
    const locale = this.localeOf(actor);
    const snapshot = this.core.knowledge.current;
    const found = selected && entryCard(snapshot, selected.entryId, locale);
    if (!selected || !found) return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } };
    this.core.stores.answerLog.logServed({
      servedAt: this.core.clock.now(),
      entryId: found.entry.id,
      entryKind: found.entry.kind,
      owner: found.entry.owner,
      actorId: actor.id,
      platform: 'teams',
      question: selected.query,
      decision: 'pick',
    });
    return {
      composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [CardFactory.adaptiveCard(found.card)] },
    };
  }
}
