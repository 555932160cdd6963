import type { KnowledgeBase } from '../../knowledge/model';
import type { ClaimedItem, OutboxItem } from '../../storage/outbox';
import { renderClaimed } from '../core/issues/issueNotices';
import type { Stores } from '../../storage/stores';
import type { Logger } from '../core/logger';
import type { Deliverer, DeliveryOutcome } from '../core/outboxDelivery';
import type { Clock, Locale, Reply } from '../core/types';
import { imagesOf } from '../render/blockKit';
import type { SlackIdentity } from './identity';
import { ChannelBusy } from './pacer';
import { ChartMissing, type Posted, type SlackSender } from './sender';
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

/** The issue desk anchors every notification about an issue's card as `issue:<number>`. */
const ISSUE_ANCHOR = 'issue:';

/** What of an outbox row with charts is already in Slack (its text, each chart), so a retry sends the rest. */
const progressAnchor = (item: OutboxItem) => `outbox:${item.id}`;

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
      /** Called for every outbox item about an issue (anchor `issue:<number>`): its change is committed. */
      onIssueChanged?: (issueNumber: string, department?: string) => void;
    },
  ) {}

  async deliver(claimed: ClaimedItem): Promise<DeliveryOutcome> {
    this.noteIssueChange(claimed);
    const destination = await this.destination(claimed);
    if ('skip' in destination) return { status: 'skipped', reason: destination.skip };
    // Rendered now, from the issue as it is now (a notice), or as written (any other message).
    const item = renderClaimed(claimed, this.deps.kb(), this.deps.clock.now());
    if ('skip' in item) return { status: 'skipped', reason: item.skip };
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

  private async send(item: OutboxItem, to: Destination, reply: Reply): Promise<void> {
    const { sender, stores, clock } = this.deps;
    const anchor = item.anchor ? stores.anchors.find(item.anchor, 'slack', to.key) : undefined;
    const options = { outboxId: item.id, maxWaitMs: MAX_PACING_WAIT_MS };
    if (item.mode === 'update' && anchor) {
      try {
        // An edit keeps the charts shared with the first post: they are not uploaded again.
        await sender.update(anchor.channel, anchor.messageId, reply, to.locale, MAX_PACING_WAIT_MS);
        return;
      } catch (error) {
        // The card was deleted: post it again below and point the anchor at the new one.
        if (classifySlackError(error).code !== 'message_not_found') throw error;
      }
    }
    const threadTs = item.mode === 'thread' && anchor ? anchor.messageId : to.threadTs;
    const posted = await this.postOnce(item, to, reply, () =>
      sender.postReply(item.mode === 'thread' && anchor ? anchor.channel : to.channel, reply, to.locale, { ...options, threadTs }),
    );
    // A history line without its card is posted plainly and anchors nothing.
    if (item.anchor && item.mode !== 'thread') {
      stores.anchors.save(item.anchor, 'slack', to.key, { channel: posted.channel, messageId: posted.ts }, clock.now());
    }
    await this.uploadCharts(item, to, reply, posted.channel, threadTs);
  }

  /**
   * Posts the text of a reply with charts once: when a chart fails and the outbox tries the item again, the
   * text already posted is not posted twice. The progress is kept as anchors of the outbox row.
   */
  private async postOnce(item: OutboxItem, to: Destination, reply: Reply, post: () => Promise<Posted>): Promise<Posted> {
    const { stores, clock } = this.deps;
    if (imagesOf(reply).length === 0) return post();
    const done = stores.anchors.find(progressAnchor(item), 'slack', to.key);
    if (done) return { channel: done.channel, ts: done.messageId };
    const posted = await post();
    stores.anchors.save(progressAnchor(item), 'slack', to.key, { channel: posted.channel, messageId: posted.ts }, clock.now());
    return posted;
  }

  /**
   * Uploads the reply's charts after its text, each once. A temporary failure makes the outbox try the item
   * again (for the charts not yet shared); a permanent one (no files:write, the file is gone) is logged and
   * the text stands alone, with its line naming the chart.
   */
  private async uploadCharts(item: OutboxItem, to: Destination, reply: Reply, channel: string, threadTs: string | undefined): Promise<void> {
    const { sender, stores, clock, log } = this.deps;
    for (const [index, image] of imagesOf(reply).entries()) {
      const key = `${to.key}#chart${index}`;
      if (stores.anchors.find(progressAnchor(item), 'slack', key)) continue;
      let fileId: string;
      try {
        fileId = await sender.uploadImage(channel, image, { threadTs, maxWaitMs: MAX_PACING_WAIT_MS });
      } catch (error) {
        if (error instanceof ChannelBusy) throw error;
        const failure = error instanceof ChartMissing ? { code: error.code, retryable: false } : classifySlackError(error);
        if (failure.retryable) throw error;
        log.error('slack.chart_upload_failed', { id: item.id, code: failure.code });
        fileId = `failed:${failure.code}`;
      }
      stores.anchors.save(progressAnchor(item), 'slack', key, { channel, messageId: fileId }, clock.now());
    }
  }

  private noteIssueChange(item: ClaimedItem): void {
    const number = item.anchor?.startsWith(ISSUE_ANCHOR) ? item.anchor.slice(ISSUE_ANCHOR.length) : undefined;
    if (!number || !this.deps.onIssueChanged) return;
    this.deps.onIssueChanged(number, item.target.kind === 'department' ? item.target.departmentId : undefined);
  }

  private async destination(item: ClaimedItem): Promise<Destination | { skip: string }> {
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
