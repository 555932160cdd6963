import type { Stores } from '../../storage/stores';
import type { Logger } from '../core/logger';
import type { Clock, Locale, Reply } from '../core/types';
import { escapeSlack, formOf, type ImageBlock, imagesOf, renderModal, SLACK_LIMITS } from '../render/blockKit';
import { ChannelBusy } from './pacer';
import { ChartMissing, type SlackSender } from './sender';
import { classifySlackError, isNoAccess } from './webApiErrors';

/** Where a person is when the bot answers them, as far as the Slack request tells. */
export interface Surface {
  userId: string;
  /** The channel or DM the request came from; none for the home tab and global shortcuts. */
  channel?: string;
  /** The thread to answer in. */
  threadTs?: string;
  isDirect: boolean;
  /** A slash command's or a button's reply URL: works even where the bot is not a member. */
  responseUrl?: string;
  /** Lets a reply open a modal (valid for 3 seconds). */
  triggerId?: string;
  /** For a slash command answered in a thread: the line that starts the thread (who asked what). */
  echo?: string;
  /**
   * Slash commands, buttons and forms are one person's acts in a shared place: only an answer meant for the
   * thread (`inThread`) is posted for all; anything else ("You took CL-…", the rights list) goes to that
   * person alone. What the others need to see of an issue, the outbox posts on the department's card.
   */
  shareOnlyAnswers?: boolean;
}

/** What a modal carries back on submit: the hidden values and where the answer should go. */
export interface ModalMetadata {
  h?: Record<string, string>;
  c?: string;
  t?: string;
  d?: boolean;
}

export function encodeModalMetadata(hidden: Record<string, string> | undefined, surface: Surface): string {
  const full: ModalMetadata = { h: hidden, c: surface.channel, t: surface.threadTs, d: surface.isDirect };
  const json = JSON.stringify(full);
  if (json.length <= SLACK_LIMITS.privateMetadata) return json;
  // Where to answer is a convenience; the hidden values are not.
  return JSON.stringify({ h: hidden });
}

export function decodeModalMetadata(text: string | undefined): ModalMetadata {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as ModalMetadata;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/** An interactive reply waits this long for its channel's turn before the outbox takes it over. */
const INTERACTIVE_MAX_WAIT_MS = 5_000;

const CHARTS_IN_DM = {
  ru: 'Ответ с графиками — в личных сообщениях с ботом: файлы в Slack не бывают видны только вам.',
  en: 'The reply with its charts is in your direct messages with the bot: Slack cannot show files to you alone.',
} as const;

/**
 * Puts a reply where the person will see it: a form in a modal, a private reply as an ephemeral message
 * (or in the DM), a public one in the channel and thread. When Slack is having trouble, a public reply goes
 * to the outbox, which retries it; when the bot may not post in that channel, it answers through the
 * request's response URL or in a DM.
 */
export class ReplyRouter {
  constructor(
    private readonly deps: {
      sender: SlackSender;
      stores: Stores;
      clock: Clock;
      log: Logger;
      /** Called after something was put in the outbox, so delivery starts now rather than at the next poll. */
      onEnqueued?: () => void;
    },
  ) {}

  async send(reply: Reply, surface: Surface, locale: Locale): Promise<void> {
    const form = formOf(reply);
    if (form && surface.triggerId) {
      try {
        const view = renderModal(reply, { locale, privateMetadata: encodeModalMetadata(form.hidden, surface) });
        await this.deps.sender.openModal(surface.triggerId, view);
        return;
      } catch (error) {
        // The trigger expired or Slack refused the view: the form goes out as a message with a button.
        this.deps.log.warn('slack.views_open_failed', { code: classifySlackError(error).code });
      }
    }
    const isPrivate = reply.visibility === 'private' || !!form || (surface.shareOnlyAnswers === true && !reply.inThread);
    if (isPrivate) return this.sendPrivate(reply, surface, locale);
    return this.sendPublic(reply, surface, locale);
  }

  private async sendPrivate(reply: Reply, surface: Surface, locale: Locale): Promise<void> {
    const images = imagesOf(reply);
    if (images.length > 0) return this.sendPrivateWithCharts(reply, images, surface, locale);
    return this.sendPrivateText(reply, surface, locale);
  }

  /**
   * Files cannot be ephemeral: a private reply with charts goes to the person's DM with the bot, text and
   * charts together, and where they asked in a channel a private line says where to find it.
   */
  private async sendPrivateWithCharts(reply: Reply, images: ImageBlock[], surface: Surface, locale: Locale): Promise<void> {
    const { sender, log } = this.deps;
    const inOwnDm = surface.isDirect && surface.channel !== undefined;
    const threadTs = surface.isDirect ? surface.threadTs : undefined;
    let dm: string;
    try {
      dm = (await sender.postReply(inOwnDm ? surface.channel! : surface.userId, reply, locale, { threadTs })).channel;
    } catch (error) {
      log.warn('slack.private_reply_failed', { code: classifySlackError(error).code, kind: 'charts' });
      return this.sendPrivateText(reply, surface, locale);
    }
    await this.uploadCharts(images, dm, threadTs);
    if (!inOwnDm && (surface.channel || surface.responseUrl)) {
      await this.sendPrivateText({ blocks: [{ type: 'text', markdown: CHARTS_IN_DM[locale] }], fallbackText: CHARTS_IN_DM[locale] }, surface, locale);
    }
  }

  /** An interactive reply's text is out already: a chart that fails to upload is logged, not retried. */
  private async uploadCharts(images: ImageBlock[], channel: string, threadTs: string | undefined): Promise<void> {
    for (const image of images) {
      try {
        await this.deps.sender.uploadImage(channel, image, { threadTs, maxWaitMs: INTERACTIVE_MAX_WAIT_MS });
      } catch (error) {
        const code = error instanceof ChartMissing ? error.code : error instanceof ChannelBusy ? 'channel_busy' : classifySlackError(error).code;
        this.deps.log.warn('slack.chart_upload_failed', { code });
      }
    }
  }

  private async sendPrivateText(reply: Reply, surface: Surface, locale: Locale): Promise<void> {
    const { sender, log } = this.deps;
    try {
      if (surface.responseUrl) return await sender.respond(surface.responseUrl, reply, locale, 'ephemeral');
      if (surface.channel && !surface.isDirect) {
        return await sender.postEphemeral(surface.channel, surface.userId, reply, locale, surface.threadTs);
      }
    } catch (error) {
      log.warn('slack.private_reply_failed', { code: classifySlackError(error).code });
    }
    // The person's DM with the bot: only they and the bot read it.
    try {
      const channel = surface.isDirect && surface.channel ? surface.channel : surface.userId;
      await sender.postReply(channel, reply, locale, { threadTs: surface.isDirect ? surface.threadTs : undefined });
    } catch (error) {
      log.error('slack.reply_lost', { code: classifySlackError(error).code, kind: 'private' });
    }
  }

  private async sendPublic(reply: Reply, surface: Surface, locale: Locale): Promise<void> {
    const { sender, log } = this.deps;
    const channel = surface.channel ?? surface.userId;
    let threadTs = surface.threadTs;
    try {
      if (reply.inThread && !threadTs && surface.echo && !surface.isDirect) {
        const parent = await sender.post(channel, { text: surface.echo, blocks: [] }, { maxWaitMs: INTERACTIVE_MAX_WAIT_MS });
        threadTs = parent.ts;
      }
      const posted = await sender.postReply(channel, reply, locale, { threadTs, maxWaitMs: INTERACTIVE_MAX_WAIT_MS });
      await this.uploadCharts(imagesOf(reply), posted.channel, threadTs);
    } catch (error) {
      const failure = error instanceof ChannelBusy ? { code: 'channel_busy', retryable: true } : classifySlackError(error);
      if (isNoAccess(failure)) {
        log.info('slack.no_access', { code: failure.code });
        if (surface.responseUrl) {
          try {
            return await sender.respond(surface.responseUrl, reply, locale, 'in_channel');
          } catch (respondError) {
            log.warn('slack.respond_failed', { error: respondError instanceof Error ? respondError.message : String(respondError) });
          }
        }
        return this.sendPrivate({ ...reply, visibility: 'private' }, { ...surface, channel: undefined, responseUrl: undefined, isDirect: false }, locale);
      }
      if (!failure.retryable) {
        log.error('slack.reply_failed', { code: failure.code });
        return;
      }
      log.warn('slack.reply_to_outbox', { code: failure.code });
      this.enqueue(reply, channel, threadTs, surface.isDirect);
    }
  }

  private enqueue(reply: Reply, channel: string, threadTs: string | undefined, isDirect: boolean): void {
    const { stores, clock } = this.deps;
    stores.transaction(() =>
      stores.outbox.enqueue(
        {
          target: { kind: 'conversation', conversation: { platform: 'slack', id: channel, threadId: threadTs, isDirect } },
          // Already in the reader's language: the same reply whichever the deliverer picks.
          reply: { ru: reply, en: reply },
        },
        ['slack'],
        clock.now(),
      ),
    );
    this.deps.onEnqueued?.();
  }
}

/** `<@U…>` asked: the line a slash command's answer thread starts with (masked by the caller). */
export function echoLine(userId: string, command: string, maskedText: string, locale: Locale): string {
  const verb = locale === 'ru' ? 'спрашивает' : 'asks';
  return `<@${userId}> ${verb}: ${escapeSlack(`${command} ${maskedText}`.trim())}`;
}
