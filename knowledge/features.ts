import { bilingualPlugin, lunr } from './lunrSetup';
import { tokenize } from './text';

/**
 * Word stems for both alphabets: the same Snowball stemmers the lunr index uses, so "карточку" and
 * "карточки", "charged" and "charges" meet. Cached: a stem is asked for many times.
 */
export class Stemmer {
  private readonly en: lunr.Pipeline;
  private readonly ru: lunr.Pipeline;
  private readonly cache = new Map<string, string>();

  constructor() {
    bilingualPlugin();
    const l = lunr as unknown as { stemmer: lunr.PipelineFunction; ru: { stemmer: lunr.PipelineFunction } };
    this.en = new lunr.Pipeline();
    this.en.add(l.stemmer);
    this.ru = new lunr.Pipeline();
    this.ru.add(l.ru.stemmer);
  }

  stem(word: string): string {
    let s = this.cache.get(word);
    if (s === undefined) {
      const pipeline = /[а-я]/.test(word) ? this.ru : this.en;
      s = /\p{L}/u.test(word) ? (pipeline.runString(word)[0] ?? word) : word;
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(word, s);
    }
    return s;
  }
}

let shared: Stemmer | undefined;
export function stemmer(): Stemmer {
  shared ??= new Stemmer();
  return shared;
}

export const CHAR_MIN = 3;
export const CHAR_MAX = 5;

/**
 * Named features of a text with their counts, in three families: `w:` stemmed words, `p:` pairs of
 * neighbouring stems ("card declined" says more than "card" and "declined"), `c:` character n-grams.
 */
export function textFeatures(stems: readonly string[]): Map<string, number> {
  const f = new Map<string, number>();
  const add = (key: string) => f.set(key, (f.get(key) ?? 0) + 1);
  for (const s of stems) add(`w:${s}`);
  for (let i = 1; i < stems.length; i++) add(`p:${stems[i - 1]} ${stems[i]}`);
  // On stems, not words: every form of a word gets the same n-grams (карта, карты, карту are one word);
  // typos and partial words still share most of theirs.
  for (const w of stems) {
    const padded = ` ${w} `;
    for (let n = CHAR_MIN; n <= CHAR_MAX; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`);
    }
  }
  return f;
}

export function analyzeText(text: string): { words: string[]; stems: string[] } {
  const words = tokenize(text);
  const st = stemmer();
  return { words, stems: words.map((w) => st.stem(w)) };
}
