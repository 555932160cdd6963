import type { KnowledgeBase } from '../../knowledge/model';
import type { OutboxItem } from '../../storage/outbox';
import type { Stores } from '../../storage/stores';
import type { Logger } from '../core/logger';
import type { Deliverer, DeliveryOutcome } from '../core/outboxDelivery';
import type { Clock, Locale } from '../core/types';
import type { SlackIdentity } from './identity';
import { ChannelBusy } from './pacer';
import type { SlackSender } from './sender';
import { classifySlackError } from './webApiErrors';

interface Destination {
  channel: string;
  threadTs?: string;
  locale: Locale;
  /** Anchors are kept per destination: a handed-off issue has a card in each department's channel. */
  key: string;
}

/** Posts wait at most this long for their channel's turn; longer, and the outbox tries again later. */
const MAX_PACING_WAIT_MS = 3_000;

/**
 * Delivers the outbox to Slack: finds the channel for a department, the committee or a person, picks the
 * reply in the reader's language, and keeps an issue's card in one place (edited in place, history in its
 * thread). Web API trouble becomes a retry or a failure for the outbox to handle.
 */
export class SlackDeliverer implements Deliverer {
  readonly platform = 'slack' as const;

  constructor(
    private readonly deps: {
      sender: SlackSender;
      identity: SlackIdentity;
      kb: () => KnowledgeBase;
      stores: Stores;
      clock: Clock;
      log: Logger;
    },
  ) {}

  async deliver(item: OutboxItem): Promise<DeliveryOutcome> {
    const destination = await this.destination(item);
    if ('skip' in destination) return { status: 'skipped', reason: destination.skip };
    const reply = item.payload[destination.locale];
    try {
      await this.send(item, destination, reply);
      return { status: 'sent' };
    } catch (error) {
      if (error instanceof ChannelBusy) return { status: 'retry', error: 'channel_busy', retryAfterMs: error.waitMs };
      const failure = classifySlackError(error);
      this.deps.log.warn('slack.delivery_error', { id: item.id, code: failure.code, retryable: failure.retryable });
      return failure.retryable
        ? { status: 'retry', error: failure.code, retryAfterMs: failure.retryAfterMs }
        : { status: 'failed', error: failure.code };
    }
  }

  private async send(item: OutboxItem, to: Destination, reply: OutboxItem['payload']['ru']): Promise<void> {
    const { sender, stores, clock } = this.deps;
    const anchor = item.anchor ? stores.anchors.find(item.anchor, 'slack', to.key) : undefined;
    const options = { outboxId: item.id, maxWaitMs: MAX_PACING_WAIT_MS };
    if (item.mode === 'update' && anchor) {
      try {
        await sender.update(anchor.channel, anchor.messageId, reply, to.locale, MAX_PACING_WAIT_MS);
        return;
      } catch (error) {
        // The card was deleted: post it again below and point the anchor at the new one.
        if (classifySlackError(error).code !== 'message_not_found') throw error;
      }
    }
    if (item.mode === 'thread' && anchor) {
      await sender.postReply(anchor.channel, reply, to.locale, { ...options, threadTs: anchor.messageId });
      return;
    }
    const posted = await sender.postReply(to.channel, reply, to.locale, { ...options, threadTs: to.threadTs });
    // A history line without its card is posted plainly and anchors nothing.
    if (item.anchor && item.mode !== 'thread') {
      stores.anchors.save(item.anchor, 'slack', to.key, { channel: posted.channel, messageId: posted.ts }, clock.now());
    }
  }

  private async destination(item: OutboxItem): Promise<Destination | { skip: string }> {
    const kb = this.deps.kb();
    const target = item.target;
    switch (target.kind) {
      case 'department': {
        const channel = kb.department(target.departmentId)?.channels.slack;
        if (!channel) return { skip: `department ${target.departmentId} has no Slack channel` };
        return { channel, locale: 'ru', key: `channel:${channel}` };
      }
      case 'committee': {
        const committee = kb.committee();
        const channel = committee?.channels.slack;
        if (!channel) return { skip: 'the committee has no Slack channel' };
        return { channel, locale: 'ru', key: `channel:${channel}` };
      }
      case 'person': {
        const userId = await this.userIdOf(target.personId);
        if (!userId) return { skip: `no Slack user for ${target.personId}` };
        return { channel: userId, locale: this.localeOf(target.personId), key: `user:${userId}` };
      }
      case 'conversation': {
        const { conversation } = target;
        if (conversation.platform !== 'slack') return { skip: `a ${conversation.platform} conversation` };
        return { channel: conversation.id, threadTs: conversation.threadId, locale: 'ru', key: `channel:${conversation.id}` };
      }
    }
  }

  /** A person is an e-mail from the departments file or a platform id (`slack:U012AB3CD`). */
  private async userIdOf(personId: string): Promise<string | undefined> {
    if (personId.startsWith('slack:')) return personId.slice('slack:'.length);
    if (personId.includes(':')) return undefined;
    return this.deps.identity.userIdByEmail(personId);
  }

  private localeOf(personId: string): Locale {
    const fromPrefs = this.deps.stores.prefs.of(personId).locale;
    if (fromPrefs) return fromPrefs;
    const person = personId.includes('@') ? this.deps.kb().person(personId) : this.deps.kb().personBySlackId(personId.replace(/^slack:/, ''));
    return person?.locale ?? 'ru';
  }
}
