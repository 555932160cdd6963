import { describe, expect, it } from 'vitest';
import { EntryModel } from '../../knowledge/entryModel';
import { stemmer } from '../../knowledge/features';
import type { Entry } from '../../knowledge/model';
import { mulberry32 } from '../../bot/core/random';

const entry = (id: string, phrasings: string[], body = ''): Entry => ({
  id,
  kind: 'answer',
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

  it('refuses bytes of another format or of another number of entries', () => {
    const entries = smallBase();
    const bytes = EntryModel.build(entries).serialize();
    expect(EntryModel.deserialize(bytes, entries.length + 1)).toBeUndefined();
    expect(EntryModel.deserialize(bytes.subarray(0, bytes.length - 4), entries.length)).toBeUndefined();
  });
});
