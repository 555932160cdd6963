import { analyzeText, stemmer, textFeatures } from './features';
import type { Entry } from './model';
import type { Synonyms } from './synonyms';

/**
 * The re-ranker: every entry is one vector made from all its phrasings together (their centroid over
 * stemmed words, neighbouring word pairs and character n-grams), corrected by weights learned from the
 * phrasings themselves so that words which tell entries apart count more. Lexical only; no model
 * weights from anywhere else. See README.md, "How search decides".
 */

/** Relative weight of each feature family in a text's vector. Chosen on Banking77 tuning splits. */
const FAMILY_WEIGHTS = [/* w: */ 1, /* p: */ 0.5, /* c: */ 1];
/**
 * How much an entry's body text counts in its centroid, against 1 for each phrasing: the answer's own
 * words are most of what staff may ask about it. Chosen on our phrasings 5-fold (bench/eval/tune.ts).
 */
const BODY_WEIGHT = 16;
/** Scores are cosines (0–1); the learned weights are trained at this temperature. */
export const SCALE = 10;
const EPOCHS = 10;
const LEARNING_RATE = 1;
/** Above this many entries, training uses a short list of rivals per phrasing instead of all entries. */
const FULL_SOFTMAX_MAX_ENTRIES = 40;
const RIVALS = 30;
/** Training costs phrasings × rivals × epochs; beyond this the centroids alone serve. */
const TRAIN_MAX_PHRASINGS = 30_000;
/** Training keeps an entries × features matrix; above this many cells (64 MB) the centroids alone serve. */
const DENSE_MAX_CELLS = 16_000_000;

type Sparse = { ids: Int32Array; values: Float32Array };

export interface QueryVector {
  ids: number[];
  values: number[];
}

export class EntryModel {
  private readonly vocab = new Map<string, number>();
  /** Inverse entry frequency per feature: a feature in few entries tells them apart. */
  private weights: Float32Array = new Float32Array(0);
  private unseenWeight = 1;
  /** Per entry: the centroid of its phrasings, ids ascending (also tells which stems it has). */
  private centroids: Sparse[] = [];
  /**
   * Centroids plus learned corrections as one dense entries × features matrix, when the base is small
   * enough to train (a score is then one lookup per question feature); otherwise absent.
   */
  private matrix?: Float32Array;
  private bias: Float32Array = new Float32Array(0);
  /** Scratch space for one question, cleared after use (the sparse path). */
  private dense: Float32Array = new Float32Array(0);

  constructor(
    readonly entries: readonly Entry[],
    private readonly synonyms?: Synonyms,
    options: { train?: boolean } = {},
  ) {
    const raw: { entry: number; features: Map<string, number>; body?: boolean }[] = [];
    entries.forEach((entry, e) => {
      for (const text of entryTexts(entry)) raw.push({ entry: e, features: this.features(text) });
      if (BODY_WEIGHT > 0 && entry.body) raw.push({ entry: e, features: this.features(entry.body), body: true });
    });
    const entryCount: number[] = [];
    const lastEntry: number[] = [];
    for (const r of raw) {
      for (const key of r.features.keys()) {
        let id = this.vocab.get(key);
        if (id === undefined) {
          id = this.vocab.size;
          this.vocab.set(key, id);
          entryCount.push(0);
          lastEntry.push(-1);
        }
        if (lastEntry[id] !== r.entry) {
          lastEntry[id] = r.entry;
          entryCount[id]!++;
        }
      }
    }
    const n = entries.length;
    const width = this.vocab.size;
    this.weights = Float32Array.from(entryCount, (c) => Math.log((n + 1) / (c + 1)) + 1);
    this.unseenWeight = Math.log(n + 1) + 1;
    this.dense = new Float32Array(width);
    this.bias = new Float32Array(n);

    const vectors = raw.map((r) => ({ entry: r.entry, v: this.vectorize(r.features), weight: r.body ? BODY_WEIGHT : 1 }));
    // The body text only shades the centroid; phrasings alone are the training examples.
    const docs = vectors.filter((_, i) => !raw[i]!.body);
    const sums: Map<number, number>[] = entries.map(() => new Map());
    for (const d of vectors) {
      const sum = sums[d.entry]!;
      d.v.ids.forEach((id, i) => {
        sum.set(id, (sum.get(id) ?? 0) + d.weight * d.v.values[i]!);
      });
    }
    this.centroids = sums.map((sum) => {
      const norm = Math.sqrt([...sum.values()].reduce((a, x) => a + x * x, 0)) || 1;
      const ids = Int32Array.from([...sum.keys()].sort((a, b) => a - b));
      return { ids, values: Float32Array.from(ids, (id) => sum.get(id)! / norm) };
    });
    const trainable = options.train !== false && n > 1 && docs.length <= TRAIN_MAX_PHRASINGS && n * width <= DENSE_MAX_CELLS;
    if (trainable) {
      const matrix = new Float32Array(n * width);
      this.centroids.forEach((c, e) => {
        for (let i = 0; i < c.ids.length; i++) matrix[e * width + c.ids[i]!] = c.values[i]!;
      });
      const sumMatrix = new Float32Array(n * width);
      sums.forEach((sum, e) => {
        for (const [id, x] of sum) sumMatrix[e * width + id] = x;
      });
      const learned = new Float32Array(n * width);
      const bias = new Float64Array(n);
      train(docs, width, matrix, sumMatrix, learned, bias);
      for (let i = 0; i < matrix.length; i++) matrix[i]! += learned[i]! / SCALE;
      this.matrix = matrix;
      this.bias = Float32Array.from(bias, (b) => b / SCALE);
    }
  }

  /** Features of a text, with the canonical forms of the bank's synonyms added. */
  features(text: string): Map<string, number> {
    const { stems } = analyzeText(text);
    const extra = this.synonyms?.expand(stems) ?? [];
    if (extra.length > 0) {
      const st = stemmer();
      stems.push(...extra.map((w) => st.stem(w)));
    }
    return textFeatures(stems);
  }

  /** A question's vector; features the knowledge base never saw still count in its length. */
  query(text: string): QueryVector {
    return this.vectorize(this.features(text));
  }

  /** Cosine-like similarities of a question to entries (by position in `entries`). */
  scoreAll(q: QueryVector, which: readonly number[]): number[] {
    const matrix = this.matrix;
    if (matrix) {
      const width = this.vocab.size;
      return which.map((e) => {
        let s = this.bias[e] ?? 0;
        const row = e * width;
        for (let i = 0; i < q.ids.length; i++) s += q.values[i]! * matrix[row + q.ids[i]!]!;
        return s;
      });
    }
    const dense = this.dense;
    for (let i = 0; i < q.ids.length; i++) dense[q.ids[i]!] = q.values[i]!;
    const out = which.map((e) => {
      const v = this.centroids[e];
      if (!v) return 0;
      let s = 0;
      for (let i = 0; i < v.ids.length; i++) s += dense[v.ids[i]!]! * v.values[i]!;
      return s;
    });
    for (const id of q.ids) dense[id] = 0;
    return out;
  }

  /** Whether entry `e`'s phrasings have a whole-word stem: coverage of a question's words. */
  hasStem(e: number, stem: string): boolean {
    const id = this.vocab.get(`w:${stem}`);
    const v = this.centroids[e];
    if (id === undefined || !v) return false;
    let lo = 0;
    let hi = v.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = v.ids[mid]!;
      if (x === id) return true;
      if (x < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** How much a stem tells entries apart (inverse entry frequency); unseen stems count as most telling. */
  stemWeight(stem: string): number {
    const id = this.vocab.get(`w:${stem}`);
    return id === undefined ? this.unseenWeight : this.weights[id]!;
  }

  /**
   * Weighted, sublinear counts; each family normalised to its weight, then the whole to length 1.
   * Unknown features keep their place in the norm (and are then dropped: no entry has them).
   */
  private vectorize(features: Map<string, number>): QueryVector {
    const size = features.size;
    const ids = new Int32Array(size);
    const xs = new Float64Array(size);
    const families = new Uint8Array(size);
    const familyNorm = [0, 0, 0];
    let k = 0;
    for (const [key, count] of features) {
      const id = this.vocab.get(key) ?? -1;
      const x = (1 + Math.log(count)) * (id >= 0 ? this.weights[id]! : this.unseenWeight);
      const f = key.charCodeAt(0) === 119 /* w */ ? 0 : key.charCodeAt(0) === 112 /* p */ ? 1 : 2;
      ids[k] = id;
      xs[k] = x;
      families[k] = f;
      familyNorm[f]! += x * x;
      k++;
    }
    const scale = familyNorm.map((n, f) => (n > 0 ? FAMILY_WEIGHTS[f]! / Math.sqrt(n) : 0));
    let total = 0;
    for (let i = 0; i < size; i++) {
      xs[i] = xs[i]! * scale[families[i]!]!;
      total += xs[i]! * xs[i]!;
    }
    total = Math.sqrt(total) || 1;
    const outIds: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < size; i++) {
      if (ids[i]! < 0) continue;
      outIds.push(ids[i]!);
      values.push(xs[i]! / total);
    }
    return { ids: outIds, values };
  }

}

/** What an entry is known by: its phrasings; tags too when it has few phrasings. */
function entryTexts(entry: Entry): string[] {
  const texts = [...entry.phrasings];
  if (entry.tags.length > 0) texts.push(entry.tags.join(' '));
  return texts.length > 0 ? texts : [typeof entry.title === 'string' ? entry.title : entry.title.ru];
}

/**
 * Softmax training of per-entry corrections on the phrasings, each scored against its own entry's
 * centroid *without itself* (leave-one-out), so the model learns what tells a new phrasing's entry apart
 * rather than memorising the phrasing. Deterministic: a fixed shuffle. Matrices are entries × `width`.
 */
function train(
  docs: { entry: number; v: QueryVector }[],
  width: number,
  centroids: Float32Array,
  sums: Float32Array,
  learned: Float32Array,
  bias: Float64Array,
): void {
  const n = centroids.length / width;
  const sumSq = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    let t = 0;
    for (let i = e * width; i < (e + 1) * width; i++) t += sums[i]! * sums[i]!;
    sumSq[e] = t;
  }
  const counts = new Array<number>(n).fill(0);
  for (const d of docs) counts[d.entry]!++;
  const dot = (v: QueryVector, m: Float32Array, e: number) => {
    let s = 0;
    const row = e * width;
    for (let i = 0; i < v.ids.length; i++) s += v.values[i]! * m[row + v.ids[i]!]!;
    return s;
  };
  const centroidScore = (d: (typeof docs)[number], e: number) => {
    if (e !== d.entry) return dot(d.v, centroids, e);
    if (counts[e]! <= 1) return 0;
    // cos(x, S − x) with |x| = 1
    const xs = dot(d.v, sums, e);
    const norm2 = sumSq[e]! - 2 * xs + 1;
    return norm2 > 1e-9 ? (xs - 1) / Math.sqrt(norm2) : 0;
  };
  const everyone = Array.from({ length: n }, (_, i) => i);
  const rivalsOf = docs.map((d) => {
    if (n <= FULL_SOFTMAX_MAX_ENTRIES) return everyone;
    const scored = everyone.map((e) => [e, e === d.entry ? Infinity : dot(d.v, centroids, e)] as const);
    scored.sort((a, b) => b[1] - a[1]);
    return scored.slice(0, RIVALS + 1).map(([e]) => e);
  });
  const base = docs.map((d, i) => Float64Array.from(rivalsOf[i]!, (e) => SCALE * centroidScore(d, e)));
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const order = docs.map((_, i) => i);
  const z = new Float64Array(n);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = LEARNING_RATE / (1 + epoch);
    for (const i of order) {
      const d = docs[i]!;
      const rivals = rivalsOf[i]!;
      const b = base[i]!;
      let top = -Infinity;
      for (let k = 0; k < rivals.length; k++) {
        const e = rivals[k]!;
        z[k] = b[k]! + dot(d.v, learned, e) + bias[e]!;
        if (z[k]! > top) top = z[k]!;
      }
      let total = 0;
      for (let k = 0; k < rivals.length; k++) {
        z[k] = Math.exp(z[k]! - top);
        total += z[k]!;
      }
      for (let k = 0; k < rivals.length; k++) {
        const e = rivals[k]!;
        const gradient = z[k]! / total - (e === d.entry ? 1 : 0);
        if (Math.abs(gradient) < 1e-4) continue;
        const row = e * width;
        for (let f = 0; f < d.v.ids.length; f++) learned[row + d.v.ids[f]!]! -= rate * gradient * d.v.values[f]!;
        bias[e] = bias[e]! - rate * gradient * 0.1;
      }
    }
  }
}
