import type { Stores } from '../../storage/stores';
import { tf } from './i18n';
import { formatTime } from './issues/issueCards';
import type { Logger } from './logger';
import { maskText } from './mask';
import { textReply } from './reply';
import type { Clock, Incoming, Locale, Localized, Platform } from './types';

const UNFINISHED_MESSAGE: Localized = {
  ru: 'Ваш запрос от {time} не был выполнен: бот перезапускался. Пожалуйста, отправьте его ещё раз: «{request}».',
  en: 'Your request of {time} was not carried out: the bot was restarting. Please send it again: "{request}".',
};
const UNFINISHED_BUTTON: Localized = {
  ru: 'Нажатие кнопки в {time} не было обработано: бот перезапускался. Пожалуйста, нажмите её ещё раз или повторите команду.',
  en: 'Your button press at {time} was not processed: the bot was restarting. Please press it again or repeat the command.',
};
/**
 * How long after a start the check runs: a request takes seconds, so by then one begun before the start by
 * another bot process sharing the database has finished, if that process is alive.
 */
export const UNFINISHED_CHECK_DELAY_MS = 2 * 60_000;
/** How much of a message is kept to remind the person of it after a crash (masked first, then cut). */
const REQUEST_MAX_CHARS = 80;
/** A button press is kept as its action id after this prefix: it has no words to show. */
const BUTTON_PREFIX = 'button:';

/** What a request was, as the person will recognise it: a message's first words (masked) or a button. */
export function requestSummary(incoming: Incoming): string {
  if (incoming.kind === 'action') return `${BUTTON_PREFIX}${incoming.actionId}`;
  const text = maskText(incoming.text).replace(/\s+/g, ' ').trim();
  return text.length > REQUEST_MAX_CHARS ? `${text.slice(0, REQUEST_MAX_CHARS - 1)}…` : text;
}

/** Platforms retry within minutes; a week of event ids is plenty to recognise a retry. */
const KEEP_EVENTS_MS = 7 * 24 * 3600_000;

export interface UnfinishedDeps {
  stores: Stores;
  clock: Clock;
  log: Logger;
  /** The bank's time zone, for the time of the request. */
  zone: string;
}

/**
 * Shortly after a start (UNFINISHED_CHECK_DELAY_MS): every request the dispatcher began before `startedAt`
 * and never finished was cut off by a crash after the platform's ack (a clean shutdown lets running work
 * finish). The platform will not send it again, so the person who asked is told, in a direct message
 * through the outbox, to send it again. Running it again ourselves could do twice what it did before the
 * crash (log an issue twice). The request is stored masked and the log carries only ids. Returns how many
 * were found.
 */
export function noticeUnfinishedRequests(deps: UnfinishedDeps, platforms: readonly Platform[], startedAt: Date): number {
  const { stores, clock, log, zone } = deps;
  const now = clock.now();
  const unfinished = stores.inboundEvents.unfinishedBefore(startedAt);
  stores.transaction(() => {
    for (const request of unfinished) {
      const button = request.request.startsWith(BUTTON_PREFIX);
      const text = (l: Locale) =>
        tf(l, button ? UNFINISHED_BUTTON : UNFINISHED_MESSAGE, { time: formatTime(request.receivedAt, zone, l), request: request.request });
      // To the platform the person asked on, if it still runs; the row is settled either way.
      const told = platforms.includes(request.platform);
      if (told) {
        stores.outbox.enqueue(
          { target: { kind: 'person', personId: request.actorId }, reply: { ru: textReply(text('ru'), 'private'), en: textReply(text('en'), 'private') } },
          [request.platform],
          now,
        );
      }
      stores.inboundEvents.finish(request.platform, request.eventId, now);
      log.warn('request.unfinished', { platform: request.platform, eventId: request.eventId, told });
    }
    stores.inboundEvents.forgetBefore(new Date(now.getTime() - KEEP_EVENTS_MS));
  });
  return unfinished.length;
}
