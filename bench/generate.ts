import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { pickOne, pickSome, shuffle, streamOf } from './random';
import { type Action, COMMON_FACTS, DOMAINS, type Domain, type Noun, QUALIFIERS } from './vocabulary';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLED_KB = join(ROOT, 'knowledge/base');

/** One generated question: what it is about, so queries can be phrased from the same parts. */
export interface Combo {
  domain: Domain;
  action: Action;
  object: Noun;
  qualifier: { ru: string; en: string };
}

/** A standard answer as written in YAML (knowledge/schema/answers.ts). */
export interface GeneratedAnswer {
  id: string;
  question: { ru: string; en: string };
  phrasings: string[];
  answer: { ru: string; en: string };
  tags: string[];
  owner: string;
  reviewed: string;
  reviewBy: string;
}

export interface GeneratedEntry {
  answer: GeneratedAnswer;
  combo: Combo;
}

/** Stream ids, so adding one kind of randomness never shifts another. */
const PHRASING_STREAM = 1;
const ORDER_STREAM = 2;

/** Every (domain, action, object, qualifier) combination: over 59,000 distinct questions. */
function allCombos(): Combo[] {
  const combos: Combo[] = [];
  for (const domain of DOMAINS) {
    for (const action of domain.actions) {
      for (const object of domain.objects) {
        for (const [ru, en] of QUALIFIERS) combos.push({ domain, action, object, qualifier: { ru, en } });
      }
    }
  }
  return combos;
}

export const MAX_ENTRIES = allCombos().length;

export function fill(template: string, object: Noun): string {
  return template.replace('{acc}', object.acc).replace('{gen}', object.gen).replace('{en}', object.en);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The parts of a question in both languages, with the object in place. */
export function partsOf(combo: Combo) {
  const { action, object, qualifier } = combo;
  return {
    inf: fill(action.inf, object),
    noun: fill(action.noun, object),
    past: fill(action.past, object),
    bare: action.bare,
    nom: object.nom,
    enVerb: fill(action.enVerb, object),
    enNoun: fill(action.enNoun, object),
    q: qualifier.ru,
    enQ: qualifier.en,
  };
}

type Parts = ReturnType<typeof partsOf>;

/** How staff write the question down; each entry keeps a few of these. */
const RU_PHRASINGS: ((p: Parts) => string)[] = [
  (p) => `${p.noun} ${p.q}`,
  (p) => `клиент просит ${p.inf} ${p.q}`,
  (p) => `нужно ${p.inf} ${p.q}`,
  (p) => `можно ли ${p.inf} ${p.q}`,
  (p) => `${p.inf} ${p.q} порядок действий`,
];
const EN_PHRASINGS: ((p: Parts) => string)[] = [
  (p) => `${p.enVerb} ${p.enQ}`,
  (p) => `${p.enNoun} ${p.enQ}`,
  (p) => `client wants to ${p.enVerb} ${p.enQ}`,
];

function isoDay(base: Date, days: number): string {
  return new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function answerFor(combo: Combo, index: number, seed: number): GeneratedAnswer {
  const random = streamOf(seed, PHRASING_STREAM, index);
  const p = partsOf(combo);
  const phrasings = [
    ...pickSome(RU_PHRASINGS, 2 + Math.floor(random() * 2), random).map((f) => f(p)),
    pickOne(EN_PHRASINGS, random)(p),
  ];
  const facts = [...pickSome(combo.domain.facts, 2, random), ...pickSome(COMMON_FACTS, 2, random)];
  const days = 1 + Math.floor(random() * 10);
  const ru = [`${capitalize(p.noun)} ${p.q}: порядок для сотрудника.`, ...facts.map((f) => f[0]), `Срок рассмотрения в рабочих днях: ${days}.`].join(' ');
  const en = [`${capitalize(p.enNoun)} ${p.enQ}: what to do.`, ...facts.map((f) => f[1]), `Working days to complete: ${days}.`].join(' ');
  const reviewed = isoDay(new Date('2026-01-12T00:00:00Z'), Math.floor(random() * 200));
  return {
    id: `gen-${combo.domain.key}-${String(index).padStart(5, '0')}`,
    question: { ru: `Как ${p.inf} ${p.q}?`, en: `How to ${p.enVerb} ${p.enQ}?` },
    phrasings,
    answer: { ru, en },
    tags: [combo.domain.key, combo.action.key],
    owner: combo.domain.key,
    reviewed,
    reviewBy: isoDay(new Date(`${reviewed}T00:00:00Z`), 365),
  };
}

/**
 * `count` answers, the same for a seed on any machine. The combinations are shuffled once per seed, so
 * the first 1,000 of a 50,000-entry base are the 1,000-entry base and every domain is mixed in.
 */
export function generateEntries(seed: number, count: number): GeneratedEntry[] {
  if (count > MAX_ENTRIES) throw new Error(`at most ${MAX_ENTRIES} distinct entries can be generated, asked for ${count}`);
  const combos = shuffle(allCombos(), streamOf(seed, ORDER_STREAM, 0)).slice(0, count);
  return combos.map((combo, index) => ({ combo, answer: answerFor(combo, index, seed) }));
}

/** Branch departments after the ten domain departments: [id, Russian city, English city, time zone]. */
const BRANCHES: [string, string, string, string][] = [
  ['spb', 'Санкт-Петербург', 'Saint Petersburg', 'Europe/Moscow'],
  ['nsk', 'Новосибирск', 'Novosibirsk', 'Asia/Novosibirsk'],
  ['ekb', 'Екатеринбург', 'Yekaterinburg', 'Asia/Yekaterinburg'],
  ['kzn', 'Казань', 'Kazan', 'Europe/Moscow'],
  ['nnov', 'Нижний Новгород', 'Nizhny Novgorod', 'Europe/Moscow'],
  ['chel', 'Челябинск', 'Chelyabinsk', 'Asia/Yekaterinburg'],
  ['samara', 'Самара', 'Samara', 'Europe/Samara'],
  ['omsk', 'Омск', 'Omsk', 'Asia/Omsk'],
  ['rnd', 'Ростов-на-Дону', 'Rostov-on-Don', 'Europe/Moscow'],
  ['ufa', 'Уфа', 'Ufa', 'Asia/Yekaterinburg'],
  ['krsk', 'Красноярск', 'Krasnoyarsk', 'Asia/Krasnoyarsk'],
  ['vrn', 'Воронеж', 'Voronezh', 'Europe/Moscow'],
  ['perm', 'Пермь', 'Perm', 'Asia/Yekaterinburg'],
  ['vlg', 'Волгоград', 'Volgograd', 'Europe/Volgograd'],
  ['krd', 'Краснодар', 'Krasnodar', 'Europe/Moscow'],
  ['saratov', 'Саратов', 'Saratov', 'Europe/Saratov'],
  ['tmn', 'Тюмень', 'Tyumen', 'Asia/Yekaterinburg'],
  ['tlt', 'Тольятти', 'Tolyatti', 'Europe/Samara'],
  ['izh', 'Ижевск', 'Izhevsk', 'Europe/Samara'],
  ['brn', 'Барнаул', 'Barnaul', 'Asia/Barnaul'],
  ['uln', 'Ульяновск', 'Ulyanovsk', 'Europe/Ulyanovsk'],
  ['irk', 'Иркутск', 'Irkutsk', 'Asia/Irkutsk'],
  ['khv', 'Хабаровск', 'Khabarovsk', 'Asia/Vladivostok'],
  ['yar', 'Ярославль', 'Yaroslavl', 'Europe/Moscow'],
  ['vvo', 'Владивосток', 'Vladivostok', 'Asia/Vladivostok'],
  ['mkh', 'Махачкала', 'Makhachkala', 'Europe/Moscow'],
  ['tomsk', 'Томск', 'Tomsk', 'Asia/Tomsk'],
  ['orb', 'Оренбург', 'Orenburg', 'Asia/Yekaterinburg'],
  ['kem', 'Кемерово', 'Kemerovo', 'Asia/Novokuznetsk'],
  ['nkz', 'Новокузнецк', 'Novokuznetsk', 'Asia/Novokuznetsk'],
  ['rzn', 'Рязань', 'Ryazan', 'Europe/Moscow'],
  ['astr', 'Астрахань', 'Astrakhan', 'Europe/Astrakhan'],
  ['chelny', 'Набережные Челны', 'Naberezhnye Chelny', 'Europe/Moscow'],
  ['penza', 'Пенза', 'Penza', 'Europe/Moscow'],
  ['kirov', 'Киров', 'Kirov', 'Europe/Kirov'],
  ['lip', 'Липецк', 'Lipetsk', 'Europe/Moscow'],
  ['chb', 'Чебоксары', 'Cheboksary', 'Europe/Moscow'],
  ['kgd', 'Калининград', 'Kaliningrad', 'Europe/Kaliningrad'],
  ['tula', 'Тула', 'Tula', 'Europe/Moscow'],
  ['stav', 'Ставрополь', 'Stavropol', 'Europe/Moscow'],
];

export const MAX_DEPARTMENTS = DOMAINS.length + BRANCHES.length;

const slackId = (prefix: string, n: number) => `${prefix}${n.toString(36).toUpperCase().padStart(8, '0')}`;

/**
 * Departments, issue categories and routing for `count` departments (10 to 50): the ten domain
 * departments own the answers; branches follow. Each department answers for two categories, client
 * relations also for complaints; routing has fraud, VIP, per-branch and per-domain keyword rules, as
 * the bundled routing.yaml does, so routing costs what it would in a real bank.
 */
export function generateOrganisation(count: number) {
  if (count < DOMAINS.length || count > MAX_DEPARTMENTS) {
    throw new Error(`departments: between ${DOMAINS.length} and ${MAX_DEPARTMENTS}, asked for ${count}`);
  }
  const units = [
    ...DOMAINS.map((d) => ({ id: d.key, kind: d.key === 'service' ? 'client_relations' : 'product', name: d.department, city: undefined as string | undefined, zone: undefined as string | undefined })),
    ...BRANCHES.map(([id, ru, en, zone]) => ({ id: `branch_${id}`, kind: 'branch', name: { ru: `Филиал в г. ${ru}`, en: `${en} branch` }, city: ru, zone })),
  ].slice(0, count);
  let person = 0;
  const departments = units.map((u, i) => {
    const members = [0, 1, 2].map((k) => {
      person++;
      return { email: `${u.id}.${k + 1}@bank.example`, name: `Сотрудник ${person}`, slack: slackId('U', person) };
    });
    return {
      id: u.id,
      kind: u.kind,
      name: u.name,
      categories: [`${u.id}-request`, `${u.id}-problem`, ...(u.id === 'service' ? ['complaint'] : [])],
      topics: [u.id],
      head: members[0]!.email,
      members,
      sla: { firstResponse: `${2 + (i % 4) * 2}h`, resolution: `${3 + (i % 5)}d` },
      channels: { slack: slackId('C', i + 1) },
      digest: { schedule: '09:00', ...(u.zone && u.zone !== 'Europe/Moscow' ? { timezone: u.zone } : {}) },
      ...(u.city ? { city: u.city } : {}),
      ...(u.zone ? { timezone: u.zone } : {}),
    };
  });
  const categories = [
    { id: 'complaint', name: { ru: 'Жалоба клиента', en: 'Client complaint' }, complaint: true, pauseWhileWaiting: false },
    ...units.flatMap((u) => [
      { id: `${u.id}-request`, name: { ru: `Запрос: ${u.name.ru}`, en: `Request: ${u.name.en}` }, sla: { urgent: { firstResponse: '1h', resolution: '4h' } } },
      { id: `${u.id}-problem`, name: { ru: `Проблема: ${u.name.ru}`, en: `Problem: ${u.name.en}` } },
    ]),
  ];
  const domainKeywords: Record<string, string[]> = {
    mortgage: ['ипотек', 'mortgage'],
    cash: ['банкомат', 'atm'],
    payments: ['сбп', 'swift'],
    digital: ['приложени', 'app'],
  };
  const rules = [
    {
      id: 'fraud-signals',
      department: 'accounts',
      keywords: ['мошенник', 'мошенничество', 'украли', 'похитили', 'fraud', 'scam'],
      reason: { ru: 'признаки мошенничества в описании', en: 'signs of fraud in the description' },
    },
    { id: 'vip-complaint', department: 'service', vip: true, categories: ['complaint'], reason: { ru: 'жалоба VIP-клиента', en: "a VIP client's complaint" } },
    ...units
      .filter((u) => u.city)
      .map((u) => ({ id: `${u.id}-branch`, department: u.id, branches: [u.city!, u.name.en], categories: ['complaint'] })),
    ...Object.entries(domainKeywords).map(([id, keywords]) => ({ id: `${id}-keywords`, department: id, keywords })),
  ];
  const routing = { default: 'service', vipFirstResponse: '1h', complaintDays: 15, maxExtensionDays: 10, rules };
  return { departments, categories, routing, admins: ['admin@bank.example'] };
}

export interface WriteOptions {
  seed: number;
  entries: number;
  departments?: number;
  /** Answers per YAML file: a real base is split by topic into files of a few hundred. */
  perFile?: number;
}

export interface WrittenKb {
  folder: string;
  entries: GeneratedEntry[];
  bytes: number;
}

/** Writes a knowledge folder the real loader reads: answers, departments, categories, routing, calendars. */
export function writeKnowledgeBase(folder: string, options: WriteOptions): WrittenKb {
  const entries = generateEntries(options.seed, options.entries);
  const perFile = options.perFile ?? 500;
  const yaml = (value: unknown) => stringify(value, { lineWidth: 0 });
  mkdirSync(join(folder, 'answers'), { recursive: true });
  let bytes = 0;
  const write = (file: string, text: string) => {
    writeFileSync(join(folder, file), text);
    bytes += Buffer.byteLength(text);
  };
  const organisation = generateOrganisation(options.departments ?? DOMAINS.length);
  write('departments.yaml', yaml({ admins: organisation.admins, departments: organisation.departments }));
  write('categories.yaml', yaml({ categories: organisation.categories }));
  write('routing.yaml', yaml({ routing: organisation.routing }));
  for (let start = 0; start < entries.length; start += perFile) {
    const chunk = entries.slice(start, start + perFile).map((e) => e.answer);
    write(`answers/generated-${String(start / perFile).padStart(4, '0')}.yaml`, yaml({ answers: chunk }));
  }
  // The real production calendars, so SLA clocks count the same working days as in production.
  mkdirSync(join(folder, 'calendars'), { recursive: true });
  for (const file of readdirSync(join(BUNDLED_KB, 'calendars'))) {
    cpSync(join(BUNDLED_KB, 'calendars', file), join(folder, 'calendars', file));
  }
  return { folder, entries, bytes };
}
