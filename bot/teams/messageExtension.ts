// The search-based message extension: staff search the approved answers from the compose box and
// insert one as a card into a conversation about a client's case. Teams waits 5 seconds for results;
// the search is in memory and takes milliseconds.
import type { MessagingExtensionAttachment, MessagingExtensionQuery, MessagingExtensionResponse } from 'botbuilder';
import { entryBlocks, entryTitle } from '../../commands/cards';
import type { KnowledgeSnapshot } from '../../knowledge/service';
import { maskText } from '../core/mask';
import type { Locale } from '../core/types';
import { cardsOf, renderReply } from './cards';

/** The command id in the app manifest. */
export const SEARCH_COMMAND_ID = 'searchAnswers';
export const SEARCH_PARAMETER = 'searchText';
const DEFAULT_COUNT = 10;
const MAX_COUNT = 25;
const PREVIEW_CHARS = 140;
/** A search term travels in the tap value so the served answer is logged with what was asked. */
const MAX_QUERY_IN_TAP = 300;

export interface SelectedItem {
  entryId: string;
  query: string;
}

function queryText(query: MessagingExtensionQuery): { text: string; initialRun: boolean } {
  const parameters = query.parameters ?? [];
  const initialRun = parameters.some((p) => p.name === 'initialRun' && String(p.value) === 'true');
  const text = parameters.find((p) => p.name === SEARCH_PARAMETER)?.value;
  return { text: typeof text === 'string' ? text.trim() : '', initialRun };
}

function plainPreview(markdown: string): string {
  const text = markdown.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

/** The card that goes into the conversation: the entry and its source, without the bot's own buttons. */
export function entryCard(snapshot: KnowledgeSnapshot, entryId: string, locale: Locale) {
  const entry = snapshot.kb.entry(entryId);
  if (!entry) return undefined;
  const blocks = entryBlocks(snapshot.kb, entry, locale);
  const rendered = renderReply({ blocks, fallbackText: entryTitle(entry, locale) }, { locale });
  return { entry, card: cardsOf(rendered)[0]! };
}

/** Answers `composeExtension/query`: a list of matching entries, each a thumbnail preview over its full card. */
export function searchResults(snapshot: KnowledgeSnapshot, query: MessagingExtensionQuery, locale: Locale): MessagingExtensionResponse {
  const { text, initialRun } = queryText(query);
  const skip = Math.max(0, query.queryOptions?.skip ?? 0);
  const count = Math.min(MAX_COUNT, Math.max(1, query.queryOptions?.count ?? DEFAULT_COUNT));
  let entryIds: string[];
  if (!text) {
    // Opened with nothing typed (initialRun): the standard answers, as a browsable start.
    entryIds = initialRun ? snapshot.kb.answers.map((a) => a.id) : [];
  } else {
    entryIds = snapshot.searcher.search(text, { limit: skip + count }).candidates.map((c) => c.entry.id);
  }
  const tapQuery = maskText(text).slice(0, MAX_QUERY_IN_TAP);
  const attachments: MessagingExtensionAttachment[] = [];
  for (const entryId of entryIds.slice(skip, skip + count)) {
    const found = entryCard(snapshot, entryId, locale);
    if (!found) continue;
    const { entry, card } = found;
    const firstText = entryBlocks(snapshot.kb, entry, locale).find((b) => b.type === 'text');
    const selected: SelectedItem = { entryId, query: tapQuery };
    attachments.push({
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: card,
      preview: {
        contentType: 'application/vnd.microsoft.card.thumbnail',
        content: {
          title: entryTitle(entry, locale),
          text: firstText?.type === 'text' ? plainPreview(firstText.markdown) : entry.id,
          tap: { type: 'invoke', value: selected },
        },
      },
    });
  }
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

/** Reads the tap value Teams sends back in `composeExtension/selectItem`. */
export function selectedItem(value: unknown): SelectedItem | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { entryId, query } = value as Record<string, unknown>;
  if (typeof entryId !== 'string') return undefined;
  return { entryId, query: typeof query === 'string' ? query : '' };
}
