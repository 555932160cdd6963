import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { webApi } from '@slack/bolt';
import type { Logger } from '../core/logger';
import type { Locale, Reply } from '../core/types';
import { type ImageBlock, renderMessages, type SlackHomeView, type SlackMessage, type SlackModalView } from '../render/blockKit';
import type { ChannelPacer } from './pacer';
import { classifySlackError } from './webApiErrors';

export interface Posted {
  /** The channel id Slack answered with (a DM posted to a user id comes back as its `D…` id). */
  channel: string;
  ts: string;
}

/** A chart's file is gone (cleaned up, another machine's path): no attempt will find it. */
export class ChartMissing extends Error {
  readonly code = 'chart_missing';
}

export interface UploadOptions {
  threadTs?: string;
  /** How long to wait for the channel's turn before giving up with `ChannelBusy`. */
  maxWaitMs?: number;
}

export interface PostOptions {
  threadTs?: string;
  /** The outbox row behind a post, carried in message metadata so a repeated send can be told apart. */
  outboxId?: number;
  /** How long to wait for the channel's turn before giving up with `ChannelBusy`. */
  maxWaitMs?: number;
}

/**
 * Every Web API call that shows something to people, in one place: posts are paced per channel, split
 * replies go out in order, and the calls are the ones named in the manifest's scopes.
 */
export class SlackSender {
  constructor(
    readonly client: webApi.WebClient,
    private readonly pacer: ChannelPacer,
    private readonly log: Logger,
    private readonly fetchFn: typeof fetch = globalThis.fetch,
  ) {}

  async post(channel: string, message: SlackMessage, options: PostOptions = {}): Promise<Posted> {
    await this.pacer.turn(channel, options.maxWaitMs);
    const result = await this.paced(channel, () => this.client.chat.postMessage({
      channel,
      text: message.text,
      ...(message.blocks.length > 0 ? { blocks: message.blocks as never } : {}),
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      ...(options.outboxId !== undefined
        ? { metadata: { event_type: 'clientdesk_outbox', event_payload: { outbox_id: options.outboxId } } }
        : {}),
      unfurl_links: false,
      unfurl_media: false,
    }));
    return { channel: result.channel ?? channel, ts: result.ts ?? '' };
  }

  /** A reply as one or more messages in order; returns the first (the one an anchor points to). */
  async postReply(channel: string, reply: Reply, locale: Locale, options: PostOptions = {}): Promise<Posted> {
    const [first, ...rest] = renderMessages(reply, { locale });
    const posted = await this.post(channel, first!, options);
    for (const message of rest) await this.post(posted.channel, message, { ...options, threadTs: options.threadTs });
    return posted;
  }

  async postEphemeral(channel: string, user: string, reply: Reply, locale: Locale, threadTs?: string): Promise<void> {
    for (const message of renderMessages(reply, { locale })) {
      await this.pacer.turn(channel);
      await this.paced(channel, () =>
        this.client.chat.postEphemeral({
          channel,
          user,
          text: message.text,
          blocks: message.blocks as never,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        }),
      );
    }
  }

  /** Edits a posted message in place; a reply longer than one message keeps its first part. */
  async update(channel: string, ts: string, reply: Reply, locale: Locale, maxWaitMs?: number): Promise<void> {
    const [first] = renderMessages(reply, { locale });
    await this.pacer.turn(channel, maxWaitMs);
    await this.paced(channel, () => this.client.chat.update({ channel, ts, text: first!.text, blocks: first!.blocks as never }));
  }

  /** On HTTP 429 the channel is held back for as long as Slack's `Retry-After` says, then the error goes on. */
  private async paced<T>(channel: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.retryAfterMs !== undefined) this.pacer.pause(channel, failure.retryAfterMs);
      throw error;
    }
  }

  /**
   * Shares a chart (a local PNG) in a channel or thread: `filesUploadV2` asks for an upload URL
   * (files.getUploadURLExternal), sends the bytes there and completes the upload into the channel
   * (files.completeUploadExternal). The retired files.upload is never used. Returns the file id.
   */
  async uploadImage(channel: string, image: ImageBlock, options: UploadOptions = {}): Promise<string> {
    let bytes: Buffer;
    try {
      bytes = await readFile(image.path);
    } catch (error) {
      throw new ChartMissing(`chart file unreadable: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    await this.pacer.turn(channel, options.maxWaitMs);
    const file = { file: bytes, filename: basename(image.path), title: image.title ?? image.alt, alt_text: image.alt };
    const destination = options.threadTs ? { channel_id: channel, thread_ts: options.threadTs } : { channel_id: channel };
    const result = await this.paced(channel, () => this.client.filesUploadV2({ ...file, ...destination }));
    const completed = result.files as { files?: { id?: string }[] }[] | undefined;
    return completed?.[0]?.files?.[0]?.id ?? '';
  }

  async openModal(triggerId: string, view: SlackModalView): Promise<void> {
    await this.client.views.open({ trigger_id: triggerId, view: view as never });
  }

  async publishHome(userId: string, view: SlackHomeView): Promise<void> {
    await this.client.views.publish({ user_id: userId, view: view as never });
  }

  /**
   * Answers through an interaction's `response_url`: it works in any conversation, even one the bot is not
   * a member of, for 30 minutes and up to five times.
   */
  async respond(responseUrl: string, reply: Reply, locale: Locale, kind: 'ephemeral' | 'in_channel'): Promise<void> {
    for (const message of renderMessages(reply, { locale })) {
      const response = await this.fetchFn(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ response_type: kind, replace_original: false, text: message.text, blocks: message.blocks }),
      });
      if (!response.ok) {
        this.log.warn('slack.respond_failed', { status: response.status });
        throw new Error(`response_url answered HTTP ${response.status}`);
      }
    }
  }
}
