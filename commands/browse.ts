import { z } from 'zod';
import type { Command, CommandContext } from '../bot/core/command';
import { UserError } from '../bot/core/errors';
import type { Block, Reply, SourceKind } from '../bot/core/types';
import { pick } from '../knowledge/localized';
import type { Entry } from '../knowledge/model';
import { answerReply } from './ask';
import { entryTitle } from './cards';

const queryArgs = z.object({ query: z.string().trim().optional() });

function choicesReply(ctx: CommandContext, prompt: string, entries: Entry[], actionId: string, choiceValue: (e: Entry) => string): Reply {
  return {
    blocks: [
      {
        type: 'choices',
        prompt,
        items: entries.map((e) => ({ title: entryTitle(e, ctx.locale), actionId, value: choiceValue(e), detail: e.id })),
      },
    ],
    fallbackText: `${prompt} ${entries.map((e) => entryTitle(e, ctx.locale)).join('; ')}`,
  };
}

/** A search limited to one kind of entry: a clear match is shown, else the best few to choose from. */
function searchKind(ctx: CommandContext, query: string, kind: SourceKind, actionId: string, choiceValue: (e: Entry) => string): Reply {
  const outcome = ctx.knowledge.searcher.search(query, { kinds: [kind], limit: 5 });
  const [best] = outcome.candidates;
  if (outcome.decision === 'answer' && best) return answerReply(ctx, best.entry, query, 'answer');
  if (outcome.candidates.length === 0) {
    throw new UserError({ ru: `Ничего не нашлось по запросу «${query}».`, en: `Nothing found for "${query}".` });
  }
  const prompt = ctx.locale === 'ru' ? 'Найдено:' : 'Found:';
  return choicesReply(ctx, prompt, outcome.candidates.map((c) => c.entry), actionId, choiceValue);
}

export const rightsCommand: Command<z.infer<typeof queryArgs>> = {
  name: 'rights',
  aliases: ['права', 'кодекс'],
  summary: {
    ru: 'Кодекс прав клиентов: разделы, статья по номеру или поиск',
    en: 'Client rights code: sections, an article by number, or a search',
  },
  usage: { ru: '[номер статьи | слова для поиска]', en: '[article number | search words]' },
  params: [{ name: 'query', rest: true }],
  args: queryArgs,
  run({ query }, ctx) {
    const { kb } = ctx.knowledge;
    const { locale } = ctx;
    if (!query) {
      const blocks: Block[] = [{ type: 'heading', text: locale === 'ru' ? 'Кодекс прав клиентов' : 'Client rights code' }];
      for (const section of kb.sections.rights) {
        const lines = section.articles.map((a) => `${a.number}. ${pick(a.title, locale)}`);
        blocks.push({ type: 'text', markdown: `*${pick(section.title, locale)}*\n${lines.join('\n')}` });
      }
      const hint = locale === 'ru' ? 'Статья по номеру: `rights 5`' : 'An article by number: `rights 5`';
      blocks.push({ type: 'text', markdown: hint });
      return { blocks, fallbackText: locale === 'ru' ? 'Кодекс прав клиентов' : 'Client rights code' };
    }
    const number = /^(?:ст\.?|статья|art\.?|article)?\s*(\d+(?:\.\d+)?)$/i.exec(query)?.[1];
    if (number) {
      const entry = kb.entry(`right-${number}`);
      if (!entry) {
        const max = kb.articles.length;
        throw new UserError({
          ru: `В кодексе нет статьи ${number}. Статьи: 1–${max}; список: rights`,
          en: `The code has no article ${number}. Articles: 1–${max}; the list: rights`,
        });
      }
      return answerReply(ctx, entry, query, 'answer');
    }
    return searchKind(ctx, query, 'right', 'rights', (e) => e.id.replace(/^right-/, ''));
  },
};

export const productCommand: Command<z.infer<typeof queryArgs>> = {
  name: 'product',
  aliases: ['продукт', 'продукты', 'products'],
  summary: { ru: 'Продукты банка: по категории, карточка продукта или поиск', en: "The bank's products: by category, a product card, or a search" },
  usage: { ru: '[категория | id продукта | слова для поиска]', en: '[category | product id | search words]' },
  params: [{ name: 'query', rest: true }],
  args: queryArgs,
  run({ query }, ctx) {
    const { kb } = ctx.knowledge;
    const { locale } = ctx;
    const categories = [...new Set(kb.products.map((p) => p.category))];
    if (!query) {
      const lines = categories.map((c) => `• \`product ${c}\` — ${kb.products.filter((p) => p.category === c).length}`);
      const title = locale === 'ru' ? 'Категории продуктов' : 'Product categories';
      return { blocks: [{ type: 'heading', text: title }, { type: 'text', markdown: lines.join('\n') }], fallbackText: title };
    }
    const key = query.toLowerCase();
    const entry = kb.entry(key);
    if (entry?.kind === 'product') return answerReply(ctx, entry, query, 'answer');
    if (categories.includes(key)) {
      const entries = kb.products.filter((p) => p.category === key).map((p) => kb.entry(p.id)!);
      return choicesReply(ctx, locale === 'ru' ? `Продукты категории ${key}:` : `Products in ${key}:`, entries, 'product', (e) => e.id);
    }
    return searchKind(ctx, query, 'product', 'product', (e) => e.id);
  },
};

export const playbookCommand: Command<z.infer<typeof queryArgs>> = {
  name: 'playbook',
  aliases: ['техкарта', 'регламент', 'playbooks'],
  summary: { ru: 'Технологические карты: кто что делает, по шагам', en: 'Playbooks: who does what, step by step' },
  usage: { ru: '[id | слова для поиска]', en: '[id | search words]' },
  params: [{ name: 'query', rest: true }],
  args: queryArgs,
  run({ query }, ctx) {
    const { kb } = ctx.knowledge;
    const { locale } = ctx;
    if (!query) {
      const entries = kb.playbooks.map((p) => kb.entry(p.id)!);
      return choicesReply(ctx, locale === 'ru' ? 'Технологические карты:' : 'Playbooks:', entries, 'playbook', (e) => e.id);
    }
    const entry = kb.entry(query.toLowerCase());
    if (entry?.kind === 'playbook') return answerReply(ctx, entry, query, 'answer');
    return searchKind(ctx, query, 'playbook', 'playbook', (e) => e.id);
  },
};
