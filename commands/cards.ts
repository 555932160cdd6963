import type { Block, Locale, SourceKind } from '../bot/core/types';
import { pick } from '../knowledge/localized';
import type { Entry, KnowledgeBase } from '../knowledge/model';
import type { Product } from '../knowledge/schema/products';

const KIND_LABEL: Record<SourceKind, { ru: string; en: string }> = {
  answer: { ru: 'стандартный ответ', en: 'standard answer' },
  right: { ru: 'кодекс прав клиентов', en: 'client rights code' },
  product: { ru: 'карточка продукта', en: 'product card' },
  playbook: { ru: 'технологическая карта', en: 'playbook' },
};

export function sourceBlock(entry: Entry, locale: Locale): Block {
  const kind = KIND_LABEL[entry.kind][locale];
  const reviewed = locale === 'ru' ? `проверено ${entry.reviewed}` : `reviewed ${entry.reviewed}`;
  const label = `${locale === 'ru' ? 'Источник' : 'Source'}: ${kind} · ${entry.id} · ${reviewed}`;
  return { type: 'source', kind: entry.kind, id: entry.id, title: pick(entry.title, locale), reviewed: entry.reviewed, label };
}

export function entryTitle(entry: Entry, locale: Locale): string {
  if (entry.kind === 'right') {
    const number = entry.id.replace(/^right-/, '');
    return `${locale === 'ru' ? 'Статья' : 'Article'} ${number}. ${pick(entry.title, locale)}`;
  }
  return pick(entry.title, locale);
}

/** The full card of any entry, ending with its source. */
export function entryBlocks(kb: KnowledgeBase, entry: Entry, locale: Locale): Block[] {
  switch (entry.kind) {
    case 'answer':
      return answerBlocks(kb, entry, locale);
    case 'right':
      return articleBlocks(kb, entry, locale);
    case 'product':
      return productBlocks(kb.product(entry.id)!, entry, locale);
    case 'playbook':
      return playbookBlocks(kb, entry, locale);
  }
}

function answerBlocks(kb: KnowledgeBase, entry: Entry, locale: Locale): Block[] {
  const answer = kb.answer(entry.id)!;
  const blocks: Block[] = [{ type: 'heading', text: pick(answer.question, locale) }, { type: 'text', markdown: pick(answer.answer, locale) }];
  const links: string[] = [];
  for (const number of answer.rights) {
    const article = kb.article(number);
    if (article) links.push(`${locale === 'ru' ? 'статья' : 'article'} ${number} «${pick(article.title, locale)}» (\`rights ${number}\`)`);
  }
  for (const id of answer.products) {
    const product = kb.product(id);
    if (product) links.push(`${pick(product.name, locale)} (\`product ${id}\`)`);
  }
  if (links.length > 0) blocks.push({ type: 'text', markdown: `${locale === 'ru' ? 'См. также' : 'See also'}: ${links.join('; ')}` });
  blocks.push(sourceBlock(entry, locale));
  return blocks;
}

function articleBlocks(kb: KnowledgeBase, entry: Entry, locale: Locale): Block[] {
  const article = kb.articles.find((a) => a.id === entry.id)!;
  return [
    { type: 'heading', text: entryTitle(entry, locale) },
    { type: 'text', markdown: pick(article.text, locale) },
    {
      type: 'text',
      markdown: `${locale === 'ru' ? 'Раздел' : 'Section'}: ${pick(article.section.title, locale)}`,
    },
    sourceBlock(entry, locale),
  ];
}

function productBlocks(product: Product, entry: Entry, locale: Locale): Block[] {
  const blocks: Block[] = [{ type: 'heading', text: pick(product.name, locale) }, { type: 'text', markdown: pick(product.summary, locale) }];
  const terms = [...product.terms.rates, ...product.terms.fees, ...product.terms.limits];
  const fields = terms.map((term) => ({
    label: pick(term.name, locale),
    value: term.note ? `${term.value} (${pick(term.note, locale)})` : term.value,
  }));
  if (product.terms.currency.length > 0) {
    fields.push({ label: locale === 'ru' ? 'Валюта' : 'Currency', value: product.terms.currency.join(', ') });
  }
  if (fields.length > 0) blocks.push({ type: 'fields', fields });
  const list = (title: { ru: string; en: string }, items: typeof product.eligibility) => {
    if (items.length > 0) {
      blocks.push({ type: 'text', markdown: `*${title[locale]}*\n${items.map((i) => `• ${pick(i, locale)}`).join('\n')}` });
    }
  };
  list({ ru: 'Кому доступен', en: 'Eligibility' }, product.eligibility);
  list({ ru: 'Документы', en: 'Documents' }, product.documents);
  list({ ru: 'Каналы', en: 'Channels' }, product.channels);
  blocks.push(sourceBlock(entry, locale));
  return blocks;
}

function playbookBlocks(kb: KnowledgeBase, entry: Entry, locale: Locale): Block[] {
  const playbook = kb.playbook(entry.id)!;
  const steps = playbook.steps.map((step, i) => {
    const note = step.note ? ` _(${pick(step.note, locale)})_` : '';
    return `${i + 1}. *${pick(step.who, locale)}*: ${pick(step.do, locale)}${note}`;
  });
  return [
    { type: 'heading', text: pick(playbook.title, locale) },
    { type: 'text', markdown: pick(playbook.summary, locale) },
    { type: 'text', markdown: steps.join('\n') },
    sourceBlock(entry, locale),
  ];
}

/** Plain text of a card, for notifications and fallbacks. */
export function entryFallback(entry: Entry, locale: Locale): string {
  return `${entryTitle(entry, locale)} [${entry.id}]`;
}
