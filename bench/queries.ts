import type { Entry } from '../knowledge/model';
import { type GeneratedEntry, partsOf } from './generate';
import { pickOne, shuffle, streamOf } from './random';

export type QueryKind = 'paraphrase' | 'word forms' | 'typo' | 'english' | 'reordered' | 'shortened';

/** A question whose right answer is known: it was phrased from that entry. */
export interface BenchQuery {
  text: string;
  expected: string;
  kind: QueryKind;
}

const QUERY_STREAM = 11;

type Parts = ReturnType<typeof partsOf>;

/** How staff ask in chat, in words the stored phrasings don't use verbatim. */
const PARAPHRASES: ((p: Parts) => string)[] = [
  (p) => `подскажите, как ${p.inf} ${p.q}`,
  (p) => `что нужно, чтобы ${p.inf} ${p.q}?`,
  (p) => `${p.q} — как ${p.inf}?`,
  (p) => `клиент хочет ${p.inf} ${p.q}`,
];
/** Other word forms of the same words: the past tense, the nominative, the bare action noun. */
const WORD_FORMS: ((p: Parts) => string)[] = [
  (p) => `клиенту ${p.past} ${p.q}, что делать?`,
  (p) => `${p.nom} ${p.q}: ${p.bare}`,
  (p) => `${p.past} ${p.q} — что дальше?`,
];
const ENGLISH: ((p: Parts) => string)[] = [
  (p) => `how do I ${p.enVerb} ${p.enQ}`,
  (p) => `${p.enNoun} ${p.enQ}?`,
  (p) => `client asks how to ${p.enVerb} ${p.enQ}`,
];

const LETTERS = /^[\p{L}]+$/u;
const RU = 'абвгдежзийклмнопрстуфхцчшщыьэюя';
const EN = 'abcdefghijklmnopqrstuvwxyz';

/** One slip of the finger in one longer word: a swap, a dropped, doubled or wrong letter. */
export function withTypo(text: string, random: () => number): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => w.length >= 5 && LETTERS.test(w));
  if (candidates.length === 0) return text;
  const { w, i } = pickOne(candidates, random);
  const at = 1 + Math.floor(random() * (w.length - 2));
  const alphabet = /[а-яё]/i.test(w) ? RU : EN;
  let typo: string;
  switch (Math.floor(random() * 4)) {
    case 0:
      typo = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
      break;
    case 1:
      typo = w.slice(0, at) + w.slice(at + 1);
      break;
    case 2:
      typo = w.slice(0, at) + w[at] + w.slice(at);
      break;
    default: {
      const others = alphabet.replace(w[at]!.toLowerCase(), '');
      typo = w.slice(0, at) + pickOne([...others], random) + w.slice(at + 1);
    }
  }
  words[i] = typo;
  return words.join(' ');
}

/**
 * `count` questions about generated entries: a third paraphrased, a third in other word forms, a fifth
 * with a typo, the rest in English. Each names the action, the object and the circumstance, so it has
 * exactly one right answer.
 */
export function queriesForGenerated(entries: readonly GeneratedEntry[], seed: number, count: number): BenchQuery[] {
  const random = streamOf(seed, QUERY_STREAM, entries.length);
  const chosen = shuffle(entries, random).slice(0, count);
  return chosen.map((e) => {
    const p = partsOf(e.combo);
    const roll = random();
    const expected = e.answer.id;
    if (roll < 0.3) return { text: pickOne(PARAPHRASES, random)(p), expected, kind: 'paraphrase' };
    if (roll < 0.6) return { text: pickOne(WORD_FORMS, random)(p), expected, kind: 'word forms' };
    if (roll < 0.85) {
      const base = pickOne(random() < 0.5 ? PARAPHRASES : WORD_FORMS, random)(p);
      return { text: withTypo(base, random), expected, kind: 'typo' };
    }
    return { text: pickOne(ENGLISH, random)(p), expected, kind: 'english' };
  });
}

/**
 * Questions about the bundled entries, from their own phrasings changed as staff change them: a typo,
 * the words in another order, or a word left out. Closer to the stored text than the generated queries.
 */
export function queriesForEntries(entries: readonly Entry[], seed: number, count: number): BenchQuery[] {
  const random = streamOf(seed, QUERY_STREAM, entries.length);
  const pool = entries.flatMap((e) => e.phrasings.filter((p) => p.split(' ').length >= 3).map((p) => ({ id: e.id, p })));
  const chosen = shuffle(pool, random).slice(0, count);
  return chosen.map(({ id, p }) => {
    const words = p.replace(/[?.!]+$/, '').split(' ');
    const roll = random();
    if (roll < 0.4) return { text: withTypo(p, random), expected: id, kind: 'typo' };
    if (roll < 0.7) return { text: shuffle(words, random).join(' '), expected: id, kind: 'reordered' };
    const drop = Math.floor(random() * words.length);
    return { text: words.filter((_, i) => i !== drop).join(' '), expected: id, kind: 'shortened' };
  });
}
