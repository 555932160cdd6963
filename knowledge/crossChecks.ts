import { issueSettingsAreConsistent } from './issueChecks';
import { digestSchedulesAreValid } from './scheduleChecks';
import type { LoadedKnowledge } from './loader';
import { ratingSettingsAreConsistent } from './ratingChecks';
import { indexable } from './text';

/** Reports a problem with one loaded item; `field` is the path inside that item. */
export type Report = (item: object, field: (string | number)[], message: string) => void;
export type CrossCheck = (knowledge: LoadedKnowledge, report: Report) => void;

/** Ids are unique across answers, products, playbooks and rights articles (`right-N`): they share one search. */
const uniqueEntryIds: CrossCheck = ({ sections }, report) => {
  const seen = new Map<string, string>();
  const claim = (id: string, item: object, field: (string | number)[], kind: string) => {
    const previous = seen.get(id);
    if (previous) report(item, field, `duplicate id "${id}" (already used by ${previous})`);
    else seen.set(id, kind);
  };
  for (const a of sections.answers) claim(a.id, a, ['id'], 'a standard answer');
  for (const p of sections.products) claim(p.id, p, ['id'], 'a product');
  for (const p of sections.playbooks) claim(p.id, p, ['id'], 'a playbook');
  const sectionIds = new Set<string>();
  for (const section of sections.rights) {
    if (sectionIds.has(section.id)) report(section, ['id'], `duplicate rights section id "${section.id}"`);
    sectionIds.add(section.id);
    section.articles.forEach((article, i) => {
      claim(`right-${article.number}`, section, ['articles', i, 'number'], 'a rights article');
    });
  }
};

/**
 * A phrasing says which entry a question belongs to: the same phrasing in two entries (compared as search
 * sees it: case, ё and punctuation aside) leaves search unable to tell them apart. Phrasings learned from
 * use are not checked: approving one must never make the base invalid.
 */
const phrasingsBelongToOneEntry: CrossCheck = ({ sections }, report) => {
  const owners = new Map<string, string>();
  const claim = (text: string, id: string, item: object, field: (string | number)[]) => {
    const key = indexable(text);
    const owner = owners.get(key);
    if (owner === undefined) owners.set(key, id);
    else if (owner !== id) report(item, field, `"${text}" is also a phrasing of "${owner}": search cannot tell the two apart; keep it in the entry that answers it`);
  };
  for (const entry of [...sections.answers, ...sections.products, ...sections.playbooks]) {
    entry.phrasings.forEach((text, i) => {
      claim(text, entry.id, entry, ['phrasings', i]);
    });
  }
  for (const section of sections.rights) {
    section.articles.forEach((article, i) => {
      article.phrasings.forEach((text, j) => {
        claim(text, `right-${article.number}`, section, ['articles', i, 'phrasings', j]);
      });
    });
  }
};

const departmentsAreConsistent: CrossCheck = ({ sections }, report) => {
  const ids = new Set<string>();
  for (const d of sections.departments) {
    if (ids.has(d.id)) report(d, ['id'], `duplicate department id "${d.id}"`);
    ids.add(d.id);
    if (!d.members.some((m) => m.email === d.head)) {
      report(d, ['head'], `the head ${d.head} is not among the department's members`);
    }
  }
};

const ownersExist: CrossCheck = ({ sections, incomplete }, report) => {
  if (incomplete.has('departments')) return;
  const departments = new Set(sections.departments.map((d) => d.id));
  const check = (item: { owner: string }, kind: string) => {
    if (!departments.has(item.owner)) {
      report(item, ['owner'], `unknown owner department "${item.owner}" of ${kind} (known: ${[...departments].join(', ')})`);
    }
  };
  for (const a of sections.answers) check(a, 'a standard answer');
  for (const p of sections.products) check(p, 'a product');
  for (const p of sections.playbooks) check(p, 'a playbook');
  for (const s of sections.rights) check(s, 'a rights section');
};

const linksResolve: CrossCheck = ({ sections, incomplete }, report) => {
  const articles = new Set(sections.rights.flatMap((s) => s.articles.map((a) => a.number)));
  const products = new Set(sections.products.map((p) => p.id));
  for (const answer of sections.answers) {
    answer.rights.forEach((number, i) => {
      if (!articles.has(number) && !incomplete.has('rights')) report(answer, ['rights', i], `link to a missing rights article ${number}`);
    });
    answer.products.forEach((id, i) => {
      if (!products.has(id) && !incomplete.has('products')) report(answer, ['products', i], `link to a missing product "${id}"`);
    });
  }
};

const reviewDatesInOrder: CrossCheck = ({ sections }, report) => {
  const all = [...sections.answers, ...sections.products, ...sections.playbooks, ...sections.rights];
  for (const item of all) {
    if (item.reviewBy < item.reviewed) report(item, ['reviewBy'], `review-by date ${item.reviewBy} is before the last review ${item.reviewed}`);
  }
};

/** Checks that need the whole knowledge base. Other modules append theirs (routing, calendars, ratings). */
export const crossChecks: CrossCheck[] = [uniqueEntryIds, phrasingsBelongToOneEntry, departmentsAreConsistent, ownersExist, linksResolve, reviewDatesInOrder, issueSettingsAreConsistent, ratingSettingsAreConsistent, digestSchedulesAreValid];
