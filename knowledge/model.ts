import type { SourceKind } from '../bot/core/types';
import { mergeLearned } from './learned';
import { allVersions } from './localized';
import type { LoadedKnowledge, Sections } from './loader';
import type { StandardAnswer } from './schema/answers';
import type { LocalizedText } from './schema/common';
import type { Department, Member } from './schema/departments';
import type { IssueCategory, Routing } from './schema/issues';
import type { Playbook } from './schema/playbooks';
import type { Product } from './schema/products';
import type { RightsArticle, RightsSection } from './schema/rights';

/** One searchable thing: a standard answer, a rights article, a product or a playbook. */
export interface Entry {
  id: string;
  kind: SourceKind;
  title: LocalizedText;
  /** The question and every alternate phrasing: the strongest evidence in search. */
  phrasings: string[];
  tags: string[];
  /** Body text in every language, the weakest evidence. */
  body: string;
  owner: string;
  reviewed: string;
  reviewBy: string;
  /** Entries this one cites (a standard answer's rights articles and products): shown with it. */
  links?: string[];
}

export interface Article extends RightsArticle {
  id: string;
  section: RightsSection;
}

export interface Person extends Member {
  departments: string[];
  heads: string[];
}

/** The validated knowledge base with the lookups commands need. Immutable: a reload builds a new one. */
export class KnowledgeBase {
  readonly entries: Entry[];
  readonly articles: Article[];
  readonly people: Map<string, Person>;
  private readonly byId: Map<string, Entry>;
  private readonly departmentsById: Map<string, Department>;

  constructor(readonly loaded: LoadedKnowledge) {
    const s = loaded.sections;
    this.articles = s.rights.flatMap((section) =>
      section.articles.map((article) => ({ ...article, id: `right-${article.number}`, section })),
    );
    this.entries = [
      ...s.answers.map(answerEntry),
      ...this.articles.map(articleEntry),
      ...s.products.map(productEntry),
      ...s.playbooks.map(playbookEntry),
    ];
    mergeLearned(this.entries, s.learned);
    this.byId = new Map(this.entries.map((e) => [e.id, e]));
    this.departmentsById = new Map(s.departments.map((d) => [d.id, d]));
    this.people = collectPeople(s.departments);
  }

  get sections(): Sections {
    return this.loaded.sections;
  }
  get contentHash(): string {
    return this.loaded.contentHash;
  }
  get answers(): StandardAnswer[] {
    return this.loaded.sections.answers;
  }
  get products(): Product[] {
    return this.loaded.sections.products;
  }
  get playbooks(): Playbook[] {
    return this.loaded.sections.playbooks;
  }
  get departments(): Department[] {
    return this.loaded.sections.departments;
  }
  get admins(): string[] {
    return this.loaded.sections.admins;
  }

  entry(id: string): Entry | undefined {
    return this.byId.get(id);
  }
  answer(id: string): StandardAnswer | undefined {
    return this.answers.find((a) => a.id === id);
  }
  product(id: string): Product | undefined {
    return this.products.find((p) => p.id === id);
  }
  playbook(id: string): Playbook | undefined {
    return this.playbooks.find((p) => p.id === id);
  }
  article(number: string): Article | undefined {
    return this.articles.find((a) => a.number === number);
  }
  get categories(): IssueCategory[] {
    return this.loaded.sections.categories;
  }
  category(id: string): IssueCategory | undefined {
    return this.categories.find((c) => c.id === id);
  }
  /** Routing and issue settings; a knowledge base without them routes everything to its first department. */
  get routing(): Routing {
    return (
      this.loaded.sections.routing[0] ?? {
        default: this.departments[0]?.id ?? 'unknown',
        rules: [],
        vipFirstResponse: '2h',
        complaintDays: 15,
        maxExtensionDays: 10,
        channels: ['branch', 'phone', 'online', 'chat', 'mail', 'office'],
      }
    );
  }
  /** The department that answers for a category in the departments file. */
  categoryOwner(category: string): Department | undefined {
    return this.departments.find((d) => d.categories.includes(category));
  }
  department(id: string): Department | undefined {
    return this.departmentsById.get(id);
  }
  committee(): Department | undefined {
    return this.departments.find((d) => d.kind === 'committee');
  }
  person(email: string): Person | undefined {
    return this.people.get(email.toLowerCase());
  }
  personBySlackId(slackId: string): Person | undefined {
    for (const p of this.people.values()) if (p.slack === slackId) return p;
    return undefined;
  }
  personByTeamsId(aadObjectId: string): Person | undefined {
    for (const p of this.people.values()) if (p.teams === aadObjectId) return p;
    return undefined;
  }
}

function collectPeople(departments: Department[]): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const d of departments) {
    for (const m of d.members) {
      const key = m.email.toLowerCase();
      const person = people.get(key) ?? { ...m, departments: [], heads: [] };
      person.slack ??= m.slack;
      person.teams ??= m.teams;
      person.departments.push(d.id);
      if (d.head.toLowerCase() === key) person.heads.push(d.id);
      people.set(key, person);
    }
  }
  return people;
}

/**
 * The entry with its body text joined only when first read: a start from the cache never reads it (the
 * index and the model are built already), and joining every body up front held 20 MB at 10,000 entries.
 */
function withBody(entry: Omit<Entry, 'body'>, join: () => string): Entry {
  let body: string | undefined;
  return Object.defineProperty(entry, 'body', {
    enumerable: true,
    get: () => {
      body ??= join();
      return body;
    },
  }) as Entry;
}

function answerEntry(a: StandardAnswer): Entry {
  return withBody({
    id: a.id,
    kind: 'answer',
    title: a.question,
    phrasings: [...allVersions(a.question), ...a.phrasings],
    tags: a.tags,
    owner: a.owner,
    reviewed: a.reviewed,
    reviewBy: a.reviewBy,
    links: [...a.rights.map((n) => `right-${n}`), ...a.products],
  }, () => allVersions(a.answer).join('\n'));
}

function articleEntry(a: Article): Entry {
  return withBody({
    id: a.id,
    kind: 'right',
    title: a.title,
    phrasings: [...allVersions(a.title), ...a.phrasings],
    tags: a.tags,
    owner: a.section.owner,
    reviewed: a.section.reviewed,
    reviewBy: a.section.reviewBy,
  }, () => allVersions(a.text).join('\n'));
}

function productEntry(p: Product): Entry {
  return withBody({
    id: p.id,
    kind: 'product',
    title: p.name,
    phrasings: [...allVersions(p.name), ...p.phrasings],
    tags: [...p.tags, p.category],
    owner: p.owner,
    reviewed: p.reviewed,
    reviewBy: p.reviewBy,
  }, () => [...allVersions(p.summary), ...p.eligibility.flatMap(allVersions)].join('\n'));
}

function playbookEntry(p: Playbook): Entry {
  return withBody({
    id: p.id,
    kind: 'playbook',
    title: p.title,
    phrasings: [...allVersions(p.title), ...p.phrasings],
    tags: p.tags,
    owner: p.owner,
    reviewed: p.reviewed,
    reviewBy: p.reviewBy,
  }, () => [...allVersions(p.summary), ...p.steps.flatMap((s) => allVersions(s.do))].join('\n'));
}
