import { mulberry32 } from '../bot/core/random';

export { mulberry32 };

/**
 * An independent stream per (seed, purpose, index): entry 17's phrasings are the same whether the
 * knowledge base has 1,000 entries or 50,000, so the smaller bases are prefixes of the larger ones.
 */
export function streamOf(seed: number, purpose: number, index: number): () => number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(purpose + 1, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return mulberry32(h);
}

export function pickOne<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pickOne: empty list');
  return item;
}

/** `count` distinct items in random order. */
export function pickSome<T>(items: readonly T[], count: number, random: () => number): T[] {
  return shuffle(items, random).slice(0, count);
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
