import { describe, expect, it } from 'vitest';
import { EntryModel } from '../../knowledge/entryModel';
import { stemmer } from '../../knowledge/features';
import type { Entry } from '../../knowledge/model';
import { mulberry32 } from '../../bot/core/random';

const entry = (id: string, phrasings: string[], body = '', kind: Entry['kind'] = 'answer'): Entry => ({
  id,
  kind,
  title: phrasings[0]!,
  phrasings,
  tags: [],
  body,
  owner: 'cards',
  reviewed: '2026-01-01',
  reviewBy: '2027-01-01',
});

const QUESTIONS = ['как заблокировать карту', 'открыть вклад онлайн', 'перевод по номеру телефона', 'forgot my pin', 'погода'];

function smallBase(): Entry[] {
  return [
    entry('card-block', ['заблокировать карту', 'карта утеряна что делать', 'block my card'], 'Карту блокируют в приложении или по телефону.'),
    entry('deposit-open', ['открыть вклад', 'как открыть вклад онлайн', 'open a deposit'], 'Вклад открывают в приложении.'),
    entry('sbp', ['перевод по номеру телефона', 'перевод через СБП'], 'Переводы по номеру телефона идут через СБП.'),
    entry('pin', ['забыл ПИН', 'forgot my pin code'], 'ПИН меняют в банкомате или в приложении.'),
  ];
}

/** Made-up words, so that the vocabulary outgrows 16-bit feature ids. */
function wideBase(entries: number, wordsPerEntry: number): Entry[] {
  const random = mulberry32(7);
  const letters = 'абвгдежзиклмнопрстуфхцчшэюя';
  const word = () => Array.from({ length: 7 }, () => letters[Math.floor(random() * letters.length)]).join('');
  return Array.from({ length: entries }, (_, e) => {
    const words = Array.from({ length: wordsPerEntry }, word);
    return entry(`e${e}`, [words.slice(0, 6).join(' '), words.slice(6, 12).join(' ')], words.join(' '));
  });
}

/** Standard answers and rights articles on the same subjects, as in the bundled base. */
function answersAndArticles(kinds: boolean): Entry[] {
  const article = kinds ? 'right' : 'answer';
  return [
    entry('complaint-deadline', ['срок ответа на жалобу', 'когда ответят на жалобу клиента', 'сколько ждать ответа по жалобе']),
    entry('card-block', ['заблокировать карту', 'карта утеряна что делать', 'срочно заблокировать карту клиента']),
    entry('right-5', ['право клиента на ответ на жалобу', 'по кодексу банк обязан ответить на жалобу', 'право на ответ в срок'], '', article),
    entry('right-2', ['право клиента на информацию о тарифах', 'по кодексу банк обязан раскрыть тарифы', 'право на информацию'], '', article),
  ];
}

const everyEntry = (entries: readonly Entry[]) => entries.map((_, i) => i);

describe('the re-ranker model', () => {
  it('reads back from its bytes with the same scores, coverage and weights', () => {
    const entries = smallBase();
    const built = EntryModel.build(entries);
    const read = EntryModel.deserialize(built.serialize(), entries.length);
    expect(read).toBeDefined();
    for (const question of QUESTIONS) {
      expect(read!.scoreAll(read!.query(question), everyEntry(entries))).toEqual(built.scoreAll(built.query(question), everyEntry(entries)));
    }
    expect(read!.hasStem(0, 'карт')).toBe(true);
    expect(read!.hasStem(1, 'карт')).toBe(false);
    expect(read!.stemWeight('вклад')).toBe(built.stemWeight('вклад'));
  });

  it('ranks each entry first for its own phrasing', () => {
    const entries = smallBase();
    const model = EntryModel.build(entries);
    entries.forEach((e, i) => {
      const scores = model.scoreAll(model.query(e.phrasings[0]!), everyEntry(entries));
      expect(scores.indexOf(Math.max(...scores)), e.id).toBe(i);
    });
  });

  it('keeps 32-bit feature ids when the vocabulary outgrows 16 bits, and reads a file that starts unaligned', () => {
    // 3,000 entries of 30 made-up words: words, pairs and n-grams make far more than 65,536 features.
    const entries = wideBase(3000, 30);
    const built = EntryModel.build(entries);
    const idsOf = (model: EntryModel) => (model as unknown as { state: { ids: Int32Array | Uint16Array } }).state.ids;
    expect(idsOf(built)).toBeInstanceOf(Int32Array);
    expect(idsOf(EntryModel.build(smallBase()))).toBeInstanceOf(Uint16Array);
    const bytes = built.serialize();
    const unaligned = Buffer.concat([Buffer.from([0]), bytes]).subarray(1);
    const read = EntryModel.deserialize(unaligned, entries.length);
    expect(read).toBeDefined();
    expect(idsOf(read!)).toBeInstanceOf(Int32Array);
    const which = [0, 1, 2, 1500, 2999];
    for (const e of which) {
      const question = entries[e]!.phrasings[1]!;
      const scores = read!.scoreAll(read!.query(question), which);
      expect(scores).toEqual(built.scoreAll(built.query(question), which));
      expect(which[scores.indexOf(Math.max(...scores))]).toBe(e);
    }
    // A word that is only in entry 2999's body, found by its id beyond 65,535.
    const last = entries[2999]!.body.split(' ').at(-1)!;
    expect(read!.hasStem(2999, stemmer().stem(last))).toBe(true);
    expect(read!.hasStem(0, stemmer().stem(last))).toBe(false);
  });

  it('weighs which kind of entry a question asks for, learned from all the phrasings of each kind', () => {
    const withKinds = EntryModel.build(answersAndArticles(true));
    const oneKind = EntryModel.build(answersAndArticles(false));
    expect(oneKind.query('право на ответ').kindLogP).toBeUndefined();
    // Words that only the articles use make the article kind likely…
    const [answerKind, rightKind] = withKinds.query('какое право у клиента по кодексу').kindLogP!;
    expect(rightKind!).toBeGreaterThan(answerKind!);
    expect(Math.exp(answerKind!) + Math.exp(rightKind!)).toBeCloseTo(1, 6);
    // …and move an article ahead of the answer on the same subject by more than the words alone do.
    const question = 'право клиента на срок ответа по жалобе';
    const gap = (model: EntryModel) => {
      const [deadline, , article] = model.scoreAll(model.query(question), [0, 1, 2]);
      return article! - deadline!;
    };
    expect(gap(withKinds)).toBeGreaterThan(gap(oneKind));
    // The kind model is part of the model's bytes.
    const read = EntryModel.deserialize(withKinds.serialize(), 4)!;
    expect(read.scoreAll(read.query(question), [0, 1, 2, 3])).toEqual(withKinds.scoreAll(withKinds.query(question), [0, 1, 2, 3]));
    // A base too large to train has no kind model, as it has no learned corrections.
    expect(EntryModel.build(answersAndArticles(true), undefined, { train: false }).query(question).kindLogP).toBeUndefined();
  });

  it('refuses bytes of another format or of another number of entries', () => {
    const entries = smallBase();
    const bytes = EntryModel.build(entries).serialize();
    expect(EntryModel.deserialize(bytes, entries.length + 1)).toBeUndefined();
    expect(EntryModel.deserialize(bytes.subarray(0, bytes.length - 4), entries.length)).toBeUndefined();
  });
});
