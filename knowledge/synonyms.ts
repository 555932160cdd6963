import { stemmer } from './features';
import { tokenize } from './text';

/**
 * Words and abbreviations of the bank that mean the same (ПИН / PIN / пин-код, вклад / депозит, СБП /
 * система быстрых платежей). Each group's first term is its canonical form. Matching runs on stems, so
 * every word form of a term counts; a text that says a variant gets the canonical form added (never
 * replaced: the words people actually wrote still count), and so does the canonical form's text.
 */
export class Synonyms {
  /** Variant stem sequences, longest first, with their group's canonical words. */
  private readonly variants: { stems: string[]; canonical: string[] }[] = [];

  constructor(groups: readonly (readonly string[])[] = []) {
    const st = stemmer();
    for (const group of groups) {
      const [first, ...rest] = group;
      if (!first) continue;
      const canonical = tokenize(first);
      for (const variant of rest) {
        const stems = tokenize(variant).map((w) => st.stem(w));
        if (stems.length > 0) this.variants.push({ stems, canonical });
      }
    }
    this.variants.sort((a, b) => b.stems.length - a.stems.length);
  }

  get size(): number {
    return this.variants.length;
  }

  /** The canonical words to add for the variants found in a text (given as its stems). */
  expand(stems: readonly string[]): string[] {
    if (this.variants.length === 0) return [];
    const added: string[] = [];
    for (const { stems: v, canonical } of this.variants) {
      if (v.length > stems.length) continue;
      for (let i = 0; i + v.length <= stems.length; i++) {
        let hit = true;
        for (let j = 0; j < v.length && hit; j++) hit = sameStem(stems[i + j]!, v[j]!);
        if (hit) {
          for (const w of canonical) if (!added.includes(w)) added.push(w);
          break;
        }
      }
    }
    return added;
  }
}

/**
 * Stems of one word can differ by a tail the stemmer sometimes cuts (Snowball makes "депозит" депоз but
 * "депозиты" депозит, "систему" сист): stems of 4+ letters match when one begins the other.
 */
function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 4) return false;
  return a.startsWith(b) || b.startsWith(a);
}
