import { z } from 'zod';
import type { Command, CommandContext } from '../bot/core/command';
import { UserError } from '../bot/core/errors';
import { maskText } from '../bot/core/mask';
import type { Block, Reply } from '../bot/core/types';
import type { Entry } from '../knowledge/model';
import { entryBlocks, entryFallback, entryTitle } from './cards';
import { learnFromRetry, suggestPhrasing } from './suggestions';

/** Separates the entry id from the question in a "did you mean" button value. */
const SEP = '\u241f';
/** Slack allows 2,000 characters in a button value; the question is only context for learning. */
const MAX_QUESTION_IN_VALUE = 1200;

const L = {
  didYouMean: { ru: 'Возможно, вы имели в виду:', en: 'Did you mean:' },
  noneOfThese: { ru: 'Ничего из этого', en: 'None of these' },
  noAnswer: {
    ru: 'Утверждённого ответа на этот вопрос нет. Вопрос записан, владельцы базы знаний его увидят.',
    en: 'There is no approved answer to this question. It has been recorded for the knowledge base owners.',
  },
  logIssue: { ru: 'Зарегистрировать обращение клиента', en: 'Log a client issue' },
  helpful: { ru: 'Полезно', en: 'Helpful' },
  notHelpful: { ru: 'Не помогло', en: 'Not helpful' },
  thanks: { ru: 'Спасибо за оценку!', en: 'Thanks for the feedback!' },
  sorry: {
    ru: 'Спасибо, учтём. Попробуйте переформулировать вопрос или зарегистрируйте обращение.',
    en: 'Thanks, noted. Try rephrasing the question, or log a client issue.',
  },
  empty: { ru: 'Задайте вопрос, например: ask как заблокировать карту', en: 'Ask a question, e.g.: ask how to block a card' },
} as const;

export function answerReply(ctx: CommandContext, entry: Entry, question: string, decision: 'answer' | 'pick'): Reply {
  const { locale, stores, clock, actor } = ctx;
  const servedId = stores.answerLog.logServed({
    servedAt: clock.now(),
    entryId: entry.id,
    entryKind: entry.kind,
    owner: entry.owner,
    actorId: actor.id,
    platform: ctx.platform,
    question: maskText(question),
    decision,
  });
  const blocks: Block[] = [
    ...entryBlocks(ctx.knowledge.kb, entry, locale),
    {
      type: 'buttons',
      buttons: [
        { label: L.helpful[locale], actionId: 'answer.helpful', value: String(servedId), style: 'primary' },
        { label: L.notHelpful[locale], actionId: 'answer.not_helpful', value: String(servedId) },
      ],
    },
  ];
  return { blocks, fallbackText: entryFallback(entry, locale), inThread: true };
}

function noAnswerReply(ctx: CommandContext, question: string, department?: string, bestEntry?: string): Reply {
  const { locale } = ctx;
  const masked = maskText(question);
  ctx.stores.answerLog.logUnanswered({
    askedAt: ctx.clock.now(),
    question: masked,
    actorId: ctx.actor.id,
    platform: ctx.platform,
    department,
    bestEntry,
  });
  return {
    blocks: [
      { type: 'text', markdown: L.noAnswer[locale] },
      { type: 'buttons', buttons: [{ label: L.logIssue[locale], actionId: 'answer.log_issue', value: masked.slice(0, MAX_QUESTION_IN_VALUE) }] },
    ],
    fallbackText: L.noAnswer[locale],
    inThread: true,
  };
}

export const askCommand: Command<{ question: string }> = {
  name: 'ask',
  aliases: ['спросить', 'вопрос'],
  summary: {
    ru: 'Найти утверждённый ответ, статью кодекса прав клиентов или продукт',
    en: 'Find the approved answer, client rights article or product',
  },
  usage: { ru: '<вопрос>', en: '<question>' },
  params: [{ name: 'question', rest: true }],
  args: z.object({ question: z.string().trim().min(1) }),
  run({ question }, ctx) {
    const { locale } = ctx;
    if (!question.trim()) throw new UserError(L.empty);
    const outcome = ctx.knowledge.searcher.search(question);
    const [best] = outcome.candidates;
    if (outcome.decision === 'answer' && best) return answerReply(ctx, best.entry, question, 'answer');
    if (outcome.decision === 'suggest') {
      const context = maskText(question).slice(0, MAX_QUESTION_IN_VALUE);
      return {
        blocks: [
          {
            type: 'choices',
            prompt: L.didYouMean[locale],
            items: [
              ...outcome.candidates.map((c) => ({
                title: entryTitle(c.entry, locale),
                actionId: 'answer.pick',
                value: `${c.entry.id}${SEP}${context}`,
                detail: c.entry.id,
              })),
              { title: L.noneOfThese[locale], actionId: 'answer.none', value: context },
            ],
          },
        ],
        fallbackText: `${L.didYouMean[locale]} ${outcome.candidates.map((c) => entryTitle(c.entry, locale)).join('; ')}`,
        inThread: true,
      };
    }
    return noAnswerReply(ctx, question, best?.entry.owner, best?.entry.id);
  },
};

export const pickCommand: Command<{ value: string }> = {
  name: 'answer pick',
  aliases: [],
  hidden: true,
  summary: { ru: 'Выбрать ответ из предложенных', en: 'Pick one of the suggested answers' },
  params: [{ name: 'value' }],
  args: z.object({ value: z.string().min(1) }),
  run({ value }, ctx) {
    const [entryId = '', question = ''] = value.split(SEP);
    const entry = ctx.knowledge.kb.entry(entryId);
    if (!entry) {
      throw new UserError({ ru: 'Эта запись больше не существует в базе знаний.', en: 'This entry no longer exists in the knowledge base.' });
    }
    // The question that led here is a candidate phrasing of the entry, for its owners to approve.
    if (question) suggestPhrasing(ctx, entry, question, 'pick');
    return answerReply(ctx, entry, question, 'pick');
  },
};

export const noneOfTheseCommand: Command<{ value: string }> = {
  name: 'answer none',
  aliases: [],
  hidden: true,
  summary: { ru: 'Ни один из предложенных ответов не подходит', en: 'None of the suggested answers fits' },
  params: [{ name: 'value', rest: true }],
  args: z.object({ value: z.string().default('') }),
  run({ value }, ctx) {
    return noAnswerReply(ctx, value);
  },
};

function rate(helpful: boolean): Command<{ value: string }> {
  return {
    name: helpful ? 'answer helpful' : 'answer not_helpful',
    aliases: [],
    hidden: true,
    summary: helpful ? { ru: 'Ответ помог', en: 'The answer helped' } : { ru: 'Ответ не помог', en: 'The answer did not help' },
    params: [{ name: 'value' }],
    args: z.object({ value: z.string().regex(/^\d+$/) }),
    run({ value }, ctx) {
      ctx.stores.answerLog.rate(Number(value), helpful);
      if (helpful) learnFromRetry(ctx, Number(value));
      const text = (helpful ? L.thanks : L.sorry)[ctx.locale];
      return { blocks: [{ type: 'text', markdown: text }], fallbackText: text, visibility: 'private' };
    },
  };
}

export const helpfulCommand = rate(true);
export const notHelpfulCommand = rate(false);
