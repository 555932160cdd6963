import type { App } from '@slack/bolt';
import { type AfterAckQueue, BUSY_NOTICE_BOTH, type Submitted } from '../core/afterAck';
import type { Core } from '../core/app';
import type { DispatchResult } from '../core/dispatcher';
import { newErrorId } from '../core/errors';
import type { Logger } from '../core/logger';
import { maskText } from '../core/mask';
import type { Actor, ConversationRef, Incoming, Locale, Reply } from '../core/types';
import {
  decodeFormOpenValue,
  FORM_OPEN_ACTION,
  formOf,
  neutralActionId,
  renderModal,
  type SubmittedElement,
  viewErrors,
  viewValues,
} from '../render/blockKit';
import { buildHome, HOME_SEARCH_ACTION, readerLocale } from './home';
import type { HomeRefresher } from './homeRefresh';
import type { SlackIdentity } from './identity';
import { decodeModalMetadata, echoLine, encodeModalMetadata, type ReplyRouter, type Surface } from './replies';
import type { SlackSender } from './sender';
import { SLASH_COMMANDS, type SlashCommand } from './slashCommands';
import { slackTextToPlain } from './text';

/** Callback ids fixed in manifest.yaml. */
export const SHORTCUTS = { newIssue: 'issue.new', issueFromMessage: 'issue.from_message' } as const;

/** The action the message shortcut runs: the "log an issue" form, pre-filled with the (masked) message. */
const LOG_ISSUE_ACTION = 'answer.log_issue';

/** Private, in both languages: it is sent before we know who is asking. */
const BUSY_REPLY: Reply = { blocks: [{ type: 'text', markdown: BUSY_NOTICE_BOTH }], fallbackText: BUSY_NOTICE_BOTH, visibility: 'private' };

/** Slack waits 3 seconds for a modal's answer; validation that takes longer is answered after closing it. */
const VIEW_ACK_DEADLINE_MS = 2_500;

interface Dispatched {
  result: Exclude<DispatchResult, { kind: 'duplicate' }>;
  locale: Locale;
}

export interface ListenerDeps {
  core: Core;
  identity: SlackIdentity;
  router: ReplyRouter;
  sender: SlackSender;
  homes: HomeRefresher;
  log: Logger;
  viewAckDeadlineMs?: number;
  /** Runs what follows each ack, one job per event-loop turn. */
  afterAck: AfterAckQueue;
  /** Tests only (`processBeforeResponse`): a listener returns when its queued work is done. */
  answerAfterWork?: boolean;
  /** After a command ran: it may have written to the outbox. */
  onDispatched?: () => void;
}

/**
 * Turns Slack's requests into `Incoming`s for the dispatcher and puts the replies where they belong.
 * Every listener acknowledges first and queues the work after (Slack wants an answer within 3 seconds),
 * so one request's search and reply never hold up another's ack; only a modal submission waits for the
 * command, because its validation errors must be in the answer.
 */
export class SlackListeners {
  constructor(private readonly deps: ListenerDeps) {}

  register(app: App): void {
    for (const slash of SLASH_COMMANDS) {
      app.command(slash.command, async ({ command, ack }) => {
        const queued = this.deps.afterAck.submit('slack.command', () => this.guard('command', () => this.onCommand(slash, command)));
        // The ack itself can say so: nothing else needs to run for a refused command.
        if (!queued.accepted) return ack({ response_type: 'ephemeral', text: BUSY_NOTICE_BOTH });
        await ack();
        await this.settled(queued);
      });
    }
    app.event('app_mention', async ({ event, body, context }) => {
      // A mention in the bot's own DM also arrives as a message event, which answers it.
      if (!event.user || event.channel.startsWith('D')) return;
      const mention = { user: event.user, text: event.text, channel: event.channel, ts: event.ts, threadTs: event.thread_ts };
      await this.afterAck(
        'app_mention',
        () => this.onMention(mention, body.event_id, context.botUserId, context.retryNum),
        { userId: event.user, channel: event.channel, threadTs: event.thread_ts ?? event.ts, isDirect: false },
      );
    });
    app.event('message', async ({ event, body, context }) => {
      // Only people's own new messages in their DM with the bot; edits, joins and bots are not questions.
      if (event.channel_type !== 'im' || event.subtype !== undefined || 'bot_id' in event || !event.user) return;
      const message = { user: event.user, text: event.text ?? '', channel: event.channel, ts: event.ts, threadTs: event.thread_ts };
      await this.afterAck(
        'message',
        () => this.onDirectMessage(message, body.event_id, context.botUserId, context.retryNum),
        { userId: event.user, channel: event.channel, threadTs: event.thread_ts, isDirect: true },
      );
    });
    app.event('app_home_opened', async ({ event, body }) => {
      if (event.tab !== 'home') return;
      // Nowhere to tell the person when refused: the tab keeps what it showed, and the queue logs the refusal.
      await this.afterAck('app_home_opened', () => this.onHomeOpened(event.user, body.event_id));
    });
    app.action(/.*/, async ({ ack, body, action }) => {
      await ack();
      if (body.type !== 'block_actions') return;
      const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
      await this.afterAck('block_actions', () => this.onBlockAction(body, action as ActionPayload), {
        userId: body.user.id,
        channel,
        isDirect: channel?.startsWith('D') ?? false,
        responseUrl: body.response_url,
      });
    });
    app.shortcut(SHORTCUTS.newIssue, async ({ ack, shortcut }) => {
      await ack();
      await this.afterAck(
        'shortcut',
        () =>
          this.run(shortcut.user.id, (actor) => ({
            incoming: this.action(actor, 'issue.new', {}, { platform: 'slack', id: shortcut.user.id, isDirect: true }, `shortcut:${shortcut.trigger_id}`),
            surface: { userId: shortcut.user.id, isDirect: false, triggerId: shortcut.trigger_id, shareOnlyAnswers: true },
          })),
        { userId: shortcut.user.id, isDirect: false },
      );
    });
    app.shortcut(SHORTCUTS.issueFromMessage, async ({ ack, shortcut }) => {
      await ack();
      if (shortcut.type !== 'message_action') return;
      await this.afterAck('message_shortcut', () => this.onMessageShortcut(shortcut), {
        userId: shortcut.user.id,
        channel: shortcut.channel.id,
        isDirect: shortcut.channel.id.startsWith('D'),
        responseUrl: shortcut.response_url,
      });
    });
    // A modal's submission is not queued: its answer (validation errors, the next step) is the ack itself.
    app.view(/.*/, async ({ ack, body, view }) => {
      if (body.type !== 'view_submission') return ack();
      let acked = false;
      const once: ViewAck = async (response) => {
        acked = true;
        await (ack as ViewAck)(response);
      };
      await this.guard('view_submission', () => this.onViewSubmission(body.user.id, body.trigger_id, view, once));
      // A failure before the answer still closes the modal instead of leaving Slack waiting.
      if (!acked) await ack();
    });
    app.error(async (error) => {
      this.deps.log.error('slack.error', { code: error.code, message: error.message });
    });
  }

  // -------------------------------------------------------------------------------------------------

  private async onCommand(slash: SlashCommand, command: SlashCommandPayload): Promise<void> {
    const isDirect = command.channel_name === 'directmessage' || command.channel_id.startsWith('D');
    await this.run(command.user_id, (actor, locale) => ({
      incoming: this.message(actor, slash.toLine(command.text), { platform: 'slack', id: command.channel_id, isDirect }, `command:${command.trigger_id}`),
      surface: {
        userId: command.user_id,
        channel: command.channel_id,
        isDirect,
        responseUrl: command.response_url,
        triggerId: command.trigger_id,
        echo: echoLine(command.user_id, slash.command === '/ask' ? '' : slash.command, maskText(slackTextToPlain(command.text)), locale),
        shareOnlyAnswers: true,
      },
    }));
  }

  private async onMention(event: MessageLike, eventId: string, botUserId?: string, retryNum?: number): Promise<void> {
    if (retryNum) this.deps.log.info('slack.event_retry', { eventId, retryNum });
    const threadTs = event.threadTs ?? event.ts;
    await this.run(event.user, (actor) => ({
      incoming: this.message(
        actor,
        slackTextToPlain(event.text, botUserId),
        { platform: 'slack', id: event.channel, threadId: threadTs, isDirect: false },
        eventId,
      ),
      surface: { userId: actor.platformUserId, channel: event.channel, threadTs, isDirect: false },
    }));
  }

  private async onDirectMessage(event: MessageLike, eventId: string, botUserId?: string, retryNum?: number): Promise<void> {
    if (retryNum) this.deps.log.info('slack.event_retry', { eventId, retryNum });
    const text = slackTextToPlain(event.text, botUserId);
    if (!text) return;
    await this.run(event.user, (actor) => ({
      incoming: this.message(actor, text, { platform: 'slack', id: event.channel, threadId: event.threadTs, isDirect: true }, eventId),
      surface: { userId: actor.platformUserId, channel: event.channel, threadTs: event.threadTs, isDirect: true },
    }));
  }

  private async onHomeOpened(userId: string, eventId: string): Promise<void> {
    const { core, identity, sender, homes } = this.deps;
    // Slack retries this event too; the home tab is published once per event.
    if (!core.stores.inboundEvents.firstSeen('slack', eventId, core.clock.now())) return;
    const actor = await identity.actor(userId);
    await sender.publishHome(userId, await buildHome(core, actor, this.localeOf(actor)));
    homes.opened(userId, actor);
  }

  private async onBlockAction(body: BlockActionPayload, action: ActionPayload): Promise<void> {
    const userId = body.user.id;
    const actionId = neutralActionId(action.action_id);
    const value = action.value ?? action.selected_option?.value ?? '';
    const channel = body.channel?.id ?? (body.container.channel_id as string | undefined);
    const isDirect = channel?.startsWith('D') ?? false;
    const message = body.message;
    const threadTs = isDirect ? (message?.thread_ts as string | undefined) : ((message?.thread_ts as string | undefined) ?? message?.ts);
    const surface: Surface = {
      userId,
      channel,
      threadTs,
      isDirect,
      responseUrl: body.response_url,
      triggerId: body.trigger_id,
      shareOnlyAnswers: true,
    };
    const conversation: ConversationRef = { platform: 'slack', id: channel ?? userId, threadId: threadTs, isDirect: isDirect || !channel };
    const eventId = `action:${body.trigger_id}:${action.action_ts}`;

    if (actionId === HOME_SEARCH_ACTION) {
      // The home tab cannot show an answer: it comes as a DM.
      if (!value.trim()) return;
      await this.run(userId, (actor) => ({
        incoming: this.message(actor, `ask ${value}`, { platform: 'slack', id: userId, isDirect: true }, eventId),
        surface: { userId, isDirect: true },
      }));
      return;
    }
    if (actionId === FORM_OPEN_ACTION) {
      const form = decodeFormOpenValue(value);
      if (!form) return;
      await this.run(userId, (actor) => ({ incoming: this.action(actor, form.formId, form.values, conversation, eventId), surface }));
      return;
    }
    await this.run(userId, (actor) => ({ incoming: this.action(actor, actionId, { value }, conversation, eventId), surface }));
  }

  private async onMessageShortcut(shortcut: MessageShortcutPayload): Promise<void> {
    const channel = shortcut.channel.id;
    const isDirect = channel.startsWith('D');
    const threadTs = shortcut.message.thread_ts ?? shortcut.message.ts;
    // The message may name a client's card or passport: it is masked before it goes anywhere.
    const masked = maskText(slackTextToPlain(shortcut.message.text ?? ''));
    await this.run(shortcut.user.id, (actor) => ({
      incoming: this.action(
        actor,
        LOG_ISSUE_ACTION,
        { value: masked },
        { platform: 'slack', id: channel, threadId: threadTs, isDirect },
        `shortcut:${shortcut.trigger_id}`,
      ),
      surface: {
        userId: shortcut.user.id,
        channel,
        threadTs: isDirect ? undefined : threadTs,
        isDirect,
        responseUrl: shortcut.response_url,
        triggerId: shortcut.trigger_id,
        shareOnlyAnswers: true,
      },
    }));
  }

  private async onViewSubmission(userId: string, triggerId: string | undefined, view: ViewPayload, ack: ViewAck): Promise<void> {
    const { router, log } = this.deps;
    const meta = decodeModalMetadata(view.private_metadata);
    const values = { ...viewValues(view.state as { values?: Record<string, Record<string, SubmittedElement>> }), ...(meta.h ?? {}) };
    const surface: Surface = { userId, channel: meta.c, threadTs: meta.t, isDirect: meta.d ?? false, shareOnlyAnswers: true };
    const conversation: ConversationRef = { platform: 'slack', id: meta.c ?? userId, threadId: meta.t, isDirect: meta.d ?? !meta.c };
    const eventId = `view:${triggerId ?? `${view.id}:${view.hash}`}`;
    const work = this.dispatchAs(userId, (actor) => this.action(actor, view.callback_id, values, conversation, eventId));
    const deadline = this.deps.viewAckDeadlineMs ?? VIEW_ACK_DEADLINE_MS;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deadline);
    });
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first === 'late') {
      // Slack stops waiting at 3 seconds: close the modal now and answer when the command is done.
      await ack();
      log.warn('slack.view_late', { callbackId: view.callback_id });
      const done = await work;
      if (done) await router.send(done.result.reply, surface, done.locale);
      return;
    }
    if (!first) return ack();
    const { result, locale } = first;
    if (result.kind === 'form_errors') {
      const inputIds = (view.blocks ?? []).filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id as string);
      await ack({ response_action: 'errors', errors: viewErrors(result.errors, inputIds) });
      return;
    }
    const next = formOf(result.reply);
    if (next) {
      await ack({
        response_action: 'update',
        view: renderModal(result.reply, { locale, privateMetadata: encodeModalMetadata(next.hidden, surface) }) as never,
      });
      return;
    }
    await ack();
    await router.send(result.reply, surface, locale);
  }

  // -------------------------------------------------------------------------------------------------

  private message(actor: Actor, text: string, conversation: ConversationRef, eventId: string): Incoming {
    return { kind: 'message', text, actor, conversation, eventId };
  }

  private action(actor: Actor, actionId: string, values: Record<string, string>, conversation: ConversationRef, eventId: string): Incoming {
    return { kind: 'action', actionId, values, actor, conversation, eventId };
  }

  /** Resolves who is speaking, dispatches, and sends the reply to the surface the request came from. */
  private async run(userId: string, build: (actor: Actor, locale: Locale) => { incoming: Incoming; surface: Surface }): Promise<void> {
    let surface: Surface | undefined;
    const done = await this.dispatchAs(userId, (actor, locale) => {
      const built = build(actor, locale);
      surface = built.surface;
      return built.incoming;
    });
    if (done && surface) await this.deps.router.send(done.result.reply, surface, done.locale);
  }

  /** `undefined` when the platform delivered this event before and nothing was done. */
  private async dispatchAs(userId: string, build: (actor: Actor, locale: Locale) => Incoming): Promise<Dispatched | undefined> {
    const { core, identity } = this.deps;
    const actor = await identity.actor(userId);
    const result = await core.dispatcher.handle(build(actor, this.localeOf(actor)));
    this.deps.onDispatched?.();
    if (result.kind === 'duplicate') return undefined;
    // Read after the command: `lang en` answers in the language it has just chosen.
    return { result, locale: this.localeOf(actor) };
  }

  private localeOf(actor: Actor): Locale {
    return readerLocale(this.deps.core, actor);
  }

  /**
   * Queues the work that follows the ack. When the queue is full the person is told so privately where
   * the request came from (`busyAt`); the refusal itself is logged by the queue.
   */
  private async afterAck(kind: string, work: () => Promise<void>, busyAt?: Surface): Promise<void> {
    const queued = this.deps.afterAck.submit(`slack.${kind}`, () => this.guard(kind, work));
    if (queued.accepted) return this.settled(queued);
    if (busyAt) await this.guard('busy_notice', () => this.deps.router.send(BUSY_REPLY, busyAt, 'ru'));
  }

  /** Tests (`processBeforeResponse`) answer Slack after the work: the listener then waits for its job. */
  private async settled(queued: Submitted): Promise<void> {
    if (this.deps.answerAfterWork && queued.accepted) await queued.finished;
  }

  /** A listener's failure is logged with an id and never reaches Bolt's default handler (which prints payloads). */
  private async guard(kind: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.deps.log.error('slack.handler_failed', { kind, errorId: newErrorId(), error });
    }
  }
}

// Payload shapes as Slack sends them; only the fields we read.
interface MessageLike {
  user: string;
  text: string;
  channel: string;
  ts: string;
  threadTs?: string;
}

interface SlashCommandPayload {
  text: string;
  user_id: string;
  channel_id: string;
  channel_name: string;
  response_url: string;
  trigger_id: string;
}

interface ActionPayload {
  action_id: string;
  action_ts: string;
  value?: string;
  selected_option?: { value: string } | null;
}

interface BlockActionPayload {
  user: { id: string };
  channel?: { id: string };
  container: Record<string, unknown>;
  message?: { ts: string; thread_ts?: string; [key: string]: unknown };
  response_url?: string;
  trigger_id: string;
}

interface MessageShortcutPayload {
  user: { id: string };
  channel: { id: string };
  message: { ts: string; thread_ts?: string; text?: string };
  response_url: string;
  trigger_id: string;
}

interface ViewPayload {
  id: string;
  hash: string;
  callback_id: string;
  private_metadata: string;
  state: unknown;
  blocks?: { type: string; block_id?: string }[];
}

type ViewAck = (response?: Record<string, unknown>) => Promise<void>;
