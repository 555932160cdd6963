import { z } from 'zod';
import type { Command, CommandContext } from '../bot/core/command';
import { PermissionError, UserError } from '../bot/core/errors';
import { maskText } from '../bot/core/mask';
import type { Block, Localized, Reply } from '../bot/core/types';
import { appendLearnedPhrasing, hasPhrasing, LEARNED_FILE } from '../knowledge/learned';
import type { Entry } from '../knowledge/model';
import type { Suggestion, SuggestionSource } from '../storage/suggestions';
import { entryTitle } from './cards';

/** "Asked again after 'not helpful'" counts only within this time of the unhelpful answer. */
const RETRY_WINDOW_MS = 30 * 60_000;
/** Two blocks a suggestion keep a list within Slack's 50 blocks. */
const LIST_LIMIT = 20;

const L = {
  none: { ru: 'Новых предложенных формулировок для ваших отделов нет.', en: 'There are no new suggested phrasings for your departments.' },
  heading: { ru: 'Предложенные формулировки вопросов', en: 'Suggested phrasings' },
  intro: {
    ru: 'Так сотрудники спрашивали, прежде чем выбрать ответ. Одобренная формулировка сразу попадает в поиск.',
    en: 'Staff asked these before choosing the answer. An approved phrasing is searchable at once.',
  },
  approve: { ru: 'Одобрить', en: 'Approve' },
  reject: { ru: 'Отклонить', en: 'Reject' },
  source: {
    pick: { ru: 'выбрано из «Возможно, вы имели в виду»', en: 'picked from "did you mean"' },
    retry: { ru: 'принят ответ после «Не помогло»', en: 'answer accepted after "not helpful"' },
  },
  times: { ru: 'раз', en: 'times' },
  notFound: { ru: 'Предложения с таким номером нет.', en: 'There is no suggestion with that number.' },
  gone: { ru: 'Этой записи больше нет в базе знаний.', en: 'This entry is no longer in the knowledge base.' },
  decided: { ru: 'По этому предложению уже принято решение.', en: 'This suggestion has already been decided.' },
  forbidden: {
    ru: 'Решение по формулировке принимает отдел — владелец ответа или администратор.',
    en: "Only the department that owns the answer, or an administrator, decides on a phrasing.",
  },
} as const;

function canDecide(ctx: CommandContext, entry: Entry): boolean {
  return ctx.actor.isAdmin || ctx.actor.departments.includes(entry.owner);
}

/**
 * Keeps a question that led staff to an entry as a suggested phrasing of it (masked again: the masker
 * is idempotent, and a button value may come from an old message). Nothing is kept when the entry
 * already has that phrasing.
 */
export function suggestPhrasing(ctx: CommandContext, entry: Entry, question: string, source: SuggestionSource): number | undefined {
  const masked = maskText(question).trim();
  if (!masked || hasPhrasing(entry, masked)) return undefined;
  const { id } = ctx.stores.suggestions.suggest({
    entryId: entry.id,
    owner: entry.owner,
    question: masked,
    source,
    suggestedBy: ctx.actor.id,
    suggestedAt: ctx.clock.now(),
  });
  ctx.log.info('suggestion.recorded', { id, entry: entry.id, source });
  return id;
}

/**
 * After "helpful": when the same person rated another answer "not helpful" shortly before, the question
 * that got the unhelpful answer belongs to the entry that helped.
 */
export function learnFromRetry(ctx: CommandContext, servedId: number): number | undefined {
  const served = ctx.stores.answerLog.served(servedId);
  if (!served || served.actorId !== ctx.actor.id) return undefined;
  const since = new Date(ctx.clock.now().getTime() - RETRY_WINDOW_MS);
  const previous = ctx.stores.suggestions.previousNotHelpful(served.actorId, servedId, since);
  if (!previous || previous.entryId === served.entryId) return undefined;
  const entry = ctx.knowledge.kb.entry(served.entryId);
  return entry ? suggestPhrasing(ctx, entry, previous.question, 'retry') : undefined;
}

function suggestionBlocks(ctx: CommandContext, s: Suggestion): Block[] {
  const { locale } = ctx;
  const entry = ctx.knowledge.kb.entry(s.entryId);
  const title = entry ? entryTitle(entry, locale) : s.entryId;
  const source = L.source[s.source][locale];
  const times = s.times > 1 ? ` · ${s.times} ${L.times[locale]}` : '';
  return [
    { type: 'text', markdown: `**#${s.id}** «${s.question}» → ${title} (\`${s.entryId}\`)\n_${source}${times}_` },
    {
      type: 'buttons',
      buttons: [
        { label: L.approve[locale], actionId: 'suggestions.approve', value: String(s.id), style: 'primary' },
        { label: L.reject[locale], actionId: 'suggestions.reject', value: String(s.id), style: 'danger' },
      ],
    },
  ];
}

export const suggestionsCommand: Command<Record<string, never>> = {
  name: 'suggestions',
  aliases: ['предложения'],
  summary: {
    ru: 'Формулировки вопросов, предложенные по опыту сотрудников, для ответов вашего отдела',
    en: "Phrasings suggested by staff's questions, for your department's answers",
  },
  params: [],
  args: z.object({}),
  run(_args, ctx) {
    const { locale, actor } = ctx;
    const pending = ctx.stores.suggestions.pending(actor.isAdmin ? 'all' : actor.departments, LIST_LIMIT);
    if (pending.length === 0) return { blocks: [{ type: 'text', markdown: L.none[locale] }], fallbackText: L.none[locale], visibility: 'private' };
    const blocks: Block[] = [
      { type: 'heading', text: L.heading[locale] },
      { type: 'text', markdown: L.intro[locale] },
      ...pending.flatMap((s) => suggestionBlocks(ctx, s)),
    ];
    return { blocks, fallbackText: `${L.heading[locale]}: ${pending.length}`, visibility: 'private' };
  },
};

const idArgs = z.object({ id: z.string().regex(/^#?\d+$/) });

function loadDecidable(ctx: CommandContext, rawId: string): { suggestion: Suggestion; entry: Entry } {
  const suggestion = ctx.stores.suggestions.get(Number(rawId.replace('#', '')));
  if (!suggestion) throw new UserError(L.notFound);
  const entry = ctx.knowledge.kb.entry(suggestion.entryId);
  if (!entry) throw new UserError(L.gone);
  if (!canDecide(ctx, entry)) throw new PermissionError(L.forbidden);
  if (suggestion.status !== 'pending') throw new UserError(L.decided);
  return { suggestion, entry };
}

function done(ctx: CommandContext, text: Localized): Reply {
  const markdown = text[ctx.locale];
  return { blocks: [{ type: 'text', markdown }], fallbackText: markdown, visibility: 'private' };
}

export const approveSuggestionCommand: Command<{ id: string }> = {
  name: 'suggestions approve',
  aliases: ['предложения одобрить', 'предложения принять'],
  summary: { ru: 'Одобрить формулировку: она станет частью ответа', en: 'Approve a phrasing: it becomes part of the answer' },
  usage: { ru: '<номер>', en: '<number>' },
  params: [{ name: 'id' }],
  args: idArgs,
  sideEffects: true,
  run({ id }, ctx) {
    const { suggestion, entry } = loadDecidable(ctx, id);
    const now = ctx.clock.now();
    appendLearnedPhrasing(ctx.knowledge.kb.loaded.folder, {
      entry: entry.id,
      text: suggestion.question,
      approvedBy: ctx.actor.email ?? ctx.actor.id,
      approvedAt: now.toISOString().slice(0, 10),
    });
    ctx.stores.suggestions.decide(suggestion.id, 'approved', ctx.actor.id, now);
    const errors = ctx.reloadKnowledge?.() ?? [];
    ctx.log.info('suggestion.approved', { id: suggestion.id, entry: entry.id, reloadErrors: errors.length });
    const title = entryTitle(entry, ctx.locale);
    if (errors.length > 0) {
      return done(ctx, {
        ru: `Формулировка записана в ${LEARNED_FILE}, но база знаний не перезагрузилась: в ней ${errors.length} ошибок (kb:check).`,
        en: `The phrasing was written to ${LEARNED_FILE}, but the knowledge base did not reload: it has ${errors.length} error(s) (kb:check).`,
      });
    }
    return done(ctx, {
      ru: `Одобрено: «${suggestion.question}» теперь ведёт к ответу «${title}».`,
      en: `Approved: "${suggestion.question}" now leads to "${title}".`,
    });
  },
};

export const rejectSuggestionCommand: Command<{ id: string }> = {
  name: 'suggestions reject',
  aliases: ['предложения отклонить'],
  summary: { ru: 'Отклонить предложенную формулировку', en: 'Reject a suggested phrasing' },
  usage: { ru: '<номер>', en: '<number>' },
  params: [{ name: 'id' }],
  args: idArgs,
  sideEffects: true,
  run({ id }, ctx) {
    const { suggestion } = loadDecidable(ctx, id);
    ctx.stores.suggestions.decide(suggestion.id, 'rejected', ctx.actor.id, ctx.clock.now());
    ctx.log.info('suggestion.rejected', { id: suggestion.id, entry: suggestion.entryId });
    return done(ctx, { ru: `Предложение #${suggestion.id} отклонено.`, en: `Suggestion #${suggestion.id} rejected.` });
  },
};

export const suggestionCommands = [suggestionsCommand, approveSuggestionCommand, rejectSuggestionCommand];
