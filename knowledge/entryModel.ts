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
/**
 * Above this many entries a body text adds words and word pairs but no character n-grams to its entry:
 * those n-grams were 60 % of the model at 10,000 entries (104 → 40 MB) for 1 point of top-1 on the
 * benchmark's generated base (0.942 → 0.932); a small base keeps them (our phrasings 5-fold: 58.2 vs 57.4 %).
 */
const BODY_NGRAMS_MAX_ENTRIES = 2000;
/**
 * Centroid components are kept in 16 bits: a step of 1/65,535 is far below any difference between two
 * entries' scores, and the model takes a quarter less memory.
 */
const VALUE_STEPS = 65_535;
/**
 * How much the kind of entry a question asks for counts: an entry's score gains this times
 * log P(its kind | question), from a second model that tells standard answers, rights articles, product
 * cards and playbooks apart, trained on all the phrasings of each kind together. It settles near ties
 * between an answer and the article or product card on the same subject ("право на кредитные каникулы"
 * wants the article) with evidence pooled over every entry of a kind. Chosen on the calibration questions
 * (top-1 94.4 → 96.2 %) and our phrasings 5-fold (65.5 → 66.7 %, top-3 87.6 → 85.6 %) with
 * `npx tsx bench/eval/tune.ts kind`; 0.02–0.1 all gain top-1, 0.2 and more lose.
 */
export const KIND_PRIOR_WEIGHT = 0.05;

export interface QueryVector {
  ids: number[];
  values: number[];
  /** log P(kind | question) per kind, when the base has several kinds and a kind model. */
  kindLogP?: Float64Array;
}

/** What the model reads of an entry: a kind's pseudo-entry (all its phrasings) is one too. */
type ModelEntry = Pick<Entry, 'phrasings' | 'tags' | 'title' | 'body'>;

/** Bump when features or the file layout change: an old model file is then rebuilt, never misread. */
export const MODEL_FORMAT = 'clientdesk-model-3';

const FAMILY_OF: Record<string, number> = { w: 0, p: 1, c: 2 };
const familyOf = (key: string) => FAMILY_OF[key[0]!] ?? 2;

/** Everything a model is, as flat arrays: what is built once, written to the cache and read back. */
interface ModelState {
  /** Feature keys (`w:стем`, `p:a b`, `c:ngr`) in id order. */
  keys: string[];
  /** Inverse entry frequency per feature: a feature in few entries tells them apart. */
  weights: Float32Array;
  unseenWeight: number;
  /** Per entry the centroid of its phrasings, ids ascending: entry e is `offsets[e]` to `offsets[e+1]`. */
  offsets: Int32Array;
  /** Feature ids; 16 bits when the vocabulary allows (it halves the largest array at 10,000 entries). */
  ids: Int32Array | Uint16Array;
  /** Centroid components (0–1) in steps of 1 / VALUE_STEPS. */
  values: Uint16Array;
  /**
   * Centroids plus learned corrections as one dense entries × features matrix, when the base is small
   * enough to train (a score is then one lookup per question feature); otherwise empty.
   */
  matrix: Float32Array;
  bias: Float32Array;
  /** Per entry the number of its kind in the kind model; empty without one. */
  kindOf: Uint16Array;
}

export class EntryModel {
  private readonly vocab: Map<string, number>;
  private readonly state: ModelState;
  /** Scratch space for one question, cleared after use (the sparse path). */
  private readonly dense: Float32Array;

  private constructor(
    state: ModelState,
    readonly entryCount: number,
    private readonly synonyms?: Synonyms,
    /** Scores a question against each kind (see KIND_PRIOR_WEIGHT); its entries are the kinds. */
    private readonly kindModel?: EntryModel,
    private readonly kindPriorWeight = KIND_PRIOR_WEIGHT,
  ) {
    this.state = state;
    this.vocab = new Map(state.keys.map((k, i) => [k, i]));
    this.dense = new Float32Array(state.keys.length);
  }

  /** `kindPriorWeight` other than KIND_PRIOR_WEIGHT only to measure it (bench/eval/tune.ts). */
  static build(entries: readonly Entry[], synonyms?: Synonyms, options: { train?: boolean; kindPriorWeight?: number } = {}): EntryModel {
    const stems = (text: string) => stemsOf(text, synonyms);
    const state = buildState(entries, stems, options.train !== false);
    const kinds = [...new Set(entries.map((e) => e.kind))];
    // Only a base small enough to train gets the kind model: like the learned corrections, it is trained.
    if (state.matrix.length === 0 || kinds.length < 2) return new EntryModel(state, entries.length, synonyms);
    const pseudo = kinds.map((kind) => ({
      phrasings: entries.filter((e) => e.kind === kind).flatMap((e) => e.phrasings),
      tags: [],
      title: kind,
      body: '',
    }));
    const kindModel = new EntryModel(buildState(pseudo, stems, true), kinds.length, synonyms);
    state.kindOf = Uint16Array.from(entries, (e) => kinds.indexOf(e.kind));
    return new EntryModel(state, entries.length, synonyms, kindModel, options.kindPriorWeight);
  }

  /** A model written by `serialize()` for these entries; undefined when the file is of another format or size. */
  static deserialize(buffer: Buffer, entryCount: number, synonyms?: Synonyms): EntryModel | undefined {
    if (buffer.length < 8) return undefined;
    const mainLength = buffer.readUInt32LE(0);
    const kindLength = buffer.readUInt32LE(4);
    if (8 + mainLength + kindLength !== buffer.length) return undefined;
    const state = readState(buffer.subarray(8, 8 + mainLength), entryCount);
    if (!state) return undefined;
    if (kindLength === 0) return state.kindOf.length === 0 ? new EntryModel(state, entryCount, synonyms) : undefined;
    const kindCount = state.kindOf.reduce((a, k) => Math.max(a, k + 1), 0);
    const kindState = readState(buffer.subarray(8 + mainLength), kindCount);
    return kindState ? new EntryModel(state, entryCount, synonyms, new EntryModel(kindState, kindCount, synonyms)) : undefined;
  }

  /** Two lengths, the model, then the kind model's (nothing without one); each a multiple of 4 bytes. */
  serialize(): Buffer {
    const main = writeState(this.state, this.entryCount);
    const kind = this.kindModel ? writeState(this.kindModel.state, this.kindModel.entryCount) : Buffer.alloc(0);
    const lengths = Buffer.alloc(8);
    lengths.writeUInt32LE(main.length, 0);
    lengths.writeUInt32LE(kind.length, 4);
    return Buffer.concat([lengths, main, kind]);
  }

  /** A question's vector; features the knowledge base never saw still count in its length. */
  query(text: string): QueryVector {
    const features = textFeatures(stemsOf(text, this.synonyms));
    const vector = this.vectorOf(features);
    if (this.kindModel) vector.kindLogP = this.kindModel.logProbabilities(features);
    return vector;
  }

  /** A text's named features as this model's vector (the kind model has ids of its own). */
  private vectorOf(features: Map<string, number>): QueryVector {
    const ids: number[] = [];
    const counts: number[] = [];
    const families: number[] = [];
    for (const [key, count] of features) {
      ids.push(this.vocab.get(key) ?? -1);
      counts.push(count);
      families.push(familyOf(key));
    }
    return vectorize(ids, counts, families, this.state.weights, this.state.unseenWeight);
  }

  /** log of each entry's softmax share for a question, at the temperature the model was trained at. */
  private logProbabilities(features: Map<string, number>): Float64Array {
    const scores = this.scoreAll(
      this.vectorOf(features),
      Array.from({ length: this.entryCount }, (_, e) => e),
    );
    const best = Math.max(...scores);
    const logPartition = Math.log(scores.reduce((a, s) => a + Math.exp(SCALE * (s - best)), 0));
    return Float64Array.from(scores, (s) => SCALE * (s - best) - logPartition);
  }

  /** Cosine-like similarities of a question to entries (by position in `entries`). */
  scoreAll(q: QueryVector, which: readonly number[]): number[] {
    const { matrix, bias, offsets, ids, values, kindOf } = this.state;
    const kindLogP = q.kindLogP;
    if (matrix.length > 0) {
      const width = this.state.keys.length;
      return which.map((e) => {
        let s = (bias[e] ?? 0) + (kindLogP ? this.kindPriorWeight * kindLogP[kindOf[e]!]! : 0);
        const row = e * width;
        for (let i = 0; i < q.ids.length; i++) s += q.values[i]! * matrix[row + q.ids[i]!]!;
        return s;
      });
    }
    const dense = this.dense;
    for (let i = 0; i < q.ids.length; i++) dense[q.ids[i]!] = q.values[i]! / VALUE_STEPS;
    const out = which.map((e) => {
      let s = 0;
      for (let i = offsets[e]!; i < offsets[e + 1]!; i++) s += dense[ids[i]!]! * values[i]!;
      return s;
    });
    for (const id of q.ids) dense[id] = 0;
    return out;
  }

  /** Whether entry `e`'s phrasings have a whole-word stem: coverage of a question's words. */
  hasStem(e: number, stem: string): boolean {
    const id = this.vocab.get(`w:${stem}`);
    if (id === undefined || e < 0 || e >= this.entryCount) return false;
    const { offsets, ids } = this.state;
    let lo = offsets[e]!;
    let hi = offsets[e + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = ids[mid]!;
      if (x === id) return true;
      if (x < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** How much a stem tells entries apart (inverse entry frequency); unseen stems count as most telling. */
  stemWeight(stem: string): number {
    const id = this.vocab.get(`w:${stem}`);
    return id === undefined ? this.state.unseenWeight : this.state.weights[id]!;
  }
}

/** A text's stems, with the canonical forms of the bank's synonyms added. */
function stemsOf(text: string, synonyms?: Synonyms): string[] {
  const { stems } = analyzeText(text);
  const extra = synonyms?.expand(stems) ?? [];
  if (extra.length > 0) {
    const st = stemmer();
    stems.push(...extra.map((w) => st.stem(w)));
  }
  return stems;
}

/**
 * Weighted, sublinear counts; each family normalised to its weight, then the whole to length 1.
 * Unknown features (id −1) keep their place in the norm and are then dropped: no entry has them.
 */
function vectorize(ids: ArrayLike<number>, counts: ArrayLike<number>, families: ArrayLike<number>, weights: Float32Array, unseenWeight: number): QueryVector {
  const size = ids.length;
  const xs = new Float64Array(size);
  const familyNorm = [0, 0, 0];
  for (let k = 0; k < size; k++) {
    const id = ids[k]!;
    const x = (1 + Math.log(counts[k]!)) * (id >= 0 ? weights[id]! : unseenWeight);
    xs[k] = x;
    familyNorm[families[k]!]! += x * x;
  }
  const scale = familyNorm.map((n, f) => (n > 0 ? FAMILY_WEIGHTS[f]! / Math.sqrt(n) : 0));
  let total = 0;
  for (let k = 0; k < size; k++) {
    xs[k] = xs[k]! * scale[families[k]!]!;
    total += xs[k]! * xs[k]!;
  }
  total = Math.sqrt(total) || 1;
  const outIds: number[] = [];
  const values: number[] = [];
  for (let k = 0; k < size; k++) {
    if (ids[k]! < 0) continue;
    outIds.push(ids[k]!);
    values.push(xs[k]! / total);
  }
  return { ids: outIds, values };
}

/**
 * Feature ids of texts, numbered as first seen. A stem's word and character n-gram ids are worked out
 * once: a base of thousands of entries repeats a few thousand stems millions of times.
 */
class FeatureCounter {
  readonly keys: string[] = [];
  readonly families: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly byStem = new Map<string, number[]>();
  /** Counts of the current text by feature id, and which ids it touched. */
  readonly counts: number[] = [];
  readonly touched: number[] = [];

  private id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.families.push(familyOf(key));
      this.counts.push(0);
    }
    return id;
  }

  private add(id: number): void {
    if (this.counts[id] === 0) this.touched.push(id);
    this.counts[id]!++;
  }

  /** Counts one text's features (as `textFeatures` names them) into `counts`/`touched`. */
  count(stems: readonly string[], characters = true): void {
    for (const s of stems) {
      if (!characters) {
        this.add(this.id(`w:${s}`));
        continue;
      }
      let own = this.byStem.get(s);
      if (!own) {
        own = [...textFeatures([s]).entries()].flatMap(([key, n]) => Array<number>(n).fill(this.id(key)));
        this.byStem.set(s, own);
      }
      for (const id of own) this.add(id);
    }
    for (let i = 1; i < stems.length; i++) this.add(this.id(`p:${stems[i - 1]} ${stems[i]}`));
  }

  /** Forgets the current text's counts. */
  clear(): void {
    for (const id of this.touched) this.counts[id] = 0;
    this.touched.length = 0;
  }
}

function buildState(entries: readonly ModelEntry[], stems: (text: string) => string[], trainWanted: boolean): ModelState {
  const counter = new FeatureCounter();
  // Each entry's texts are stemmed once and counted twice: first for how many entries have a feature,
  // then, with the weights known, for the centroids. Holding every text's features would take gigabytes.
  const textsOf = (entry: ModelEntry) => {
    const texts = entryTexts(entry).map((t) => ({ stems: stems(t), weight: 1 }));
    if (BODY_WEIGHT > 0 && entry.body) texts.push({ stems: stems(entry.body), weight: BODY_WEIGHT });
    return texts;
  };
  const bodyNgrams = entries.length <= BODY_NGRAMS_MAX_ENTRIES;
  const entryCount: number[] = [];
  const seenIn: number[] = [];
  entries.forEach((entry, e) => {
    for (const text of textsOf(entry)) {
      counter.count(text.stems, text.weight === 1 || bodyNgrams);
      for (const id of counter.touched) {
        if (seenIn[id] === e) continue;
        seenIn[id] = e;
        entryCount[id] = (entryCount[id] ?? 0) + 1;
      }
      counter.clear();
    }
  });
  const n = entries.length;
  const width = counter.keys.length;
  const weights = Float32Array.from({ length: width }, (_, id) => Math.log((n + 1) / ((entryCount[id] ?? 0) + 1)) + 1);
  const unseenWeight = Math.log(n + 1) + 1;

  const docsWanted = trainWanted && n > 1;
  const docs: { entry: number; v: QueryVector }[] = [];
  const sums: { ids: Int32Array; values: Float64Array }[] = [];
  const sum = new Float64Array(width);
  const sumTouched: number[] = [];
  entries.forEach((entry, e) => {
    for (const text of textsOf(entry)) {
      counter.count(text.stems, text.weight === 1 || bodyNgrams);
      const ids = counter.touched;
      const v = vectorize(
        ids,
        ids.map((id) => counter.counts[id]!),
        ids.map((id) => counter.families[id]!),
        weights,
        unseenWeight,
      );
      counter.clear();
      // The body text only shades the centroid; phrasings alone are the training examples.
      if (docsWanted && text.weight === 1) docs.push({ entry: e, v });
      for (let i = 0; i < v.ids.length; i++) {
        const id = v.ids[i]!;
        if (sum[id] === 0) sumTouched.push(id);
        sum[id]! += text.weight * v.values[i]!;
      }
    }
    sumTouched.sort((a, b) => a - b);
    sums.push({ ids: Int32Array.from(sumTouched), values: Float64Array.from(sumTouched, (id) => sum[id]!) });
    for (const id of sumTouched) sum[id] = 0;
    sumTouched.length = 0;
  });

  const trainable = docsWanted && docs.length <= TRAIN_MAX_PHRASINGS && n * width <= DENSE_MAX_CELLS;
  const centroids = sums.map((s) => {
    const norm = Math.sqrt(s.values.reduce((a, x) => a + x * x, 0)) || 1;
    return { ids: s.ids, values: Float32Array.from(s.values, (x) => x / norm) };
  });
  const offsets = new Int32Array(n + 1);
  centroids.forEach((c, e) => {
    offsets[e + 1] = offsets[e]! + c.ids.length;
  });
  const ids = width <= 65_536 ? new Uint16Array(offsets[n]!) : new Int32Array(offsets[n]!);
  const values = new Uint16Array(offsets[n]!);
  centroids.forEach((c, e) => {
    ids.set(c.ids, offsets[e]!);
    for (let i = 0; i < c.values.length; i++) values[offsets[e]! + i] = Math.round(c.values[i]! * VALUE_STEPS);
  });

  let matrix = new Float32Array(0);
  let bias = new Float32Array(n);
  if (trainable) {
    matrix = new Float32Array(n * width);
    const sumMatrix = new Float32Array(n * width);
    centroids.forEach((c, e) => {
      for (let i = 0; i < c.ids.length; i++) matrix[e * width + c.ids[i]!] = c.values[i]!;
    });
    sums.forEach((s, e) => {
      for (let i = 0; i < s.ids.length; i++) sumMatrix[e * width + s.ids[i]!] = s.values[i]!;
    });
    const learned = new Float32Array(n * width);
    const learnedBias = new Float64Array(n);
    train(docs, width, matrix, sumMatrix, learned, learnedBias);
    for (let i = 0; i < matrix.length; i++) matrix[i]! += learned[i]! / SCALE;
    bias = Float32Array.from(learnedBias, (b) => b / SCALE);
  }
  return { keys: counter.keys, weights, unseenWeight, offsets, ids, values, matrix, bias, kindOf: new Uint16Array(0) };
}

type ArrayName = 'weights' | 'offsets' | 'ids' | 'values' | 'matrix' | 'bias' | 'kindOf';
const ARRAY_NAMES: ArrayName[] = ['weights', 'offsets', 'ids', 'values', 'matrix', 'bias', 'kindOf'];
const ARRAY_TYPES = { f32: Float32Array, i32: Int32Array, u16: Uint16Array } as const;
type ArrayType = keyof typeof ARRAY_TYPES;
type AnyArray = Float32Array | Int32Array | Uint16Array;

function typeOf(array: AnyArray): ArrayType {
  return array instanceof Float32Array ? 'f32' : array instanceof Int32Array ? 'i32' : 'u16';
}

/** Bytes that bring `length` up to a multiple of 4: every array starts 4-byte aligned. */
const padTo4 = (length: number) => (4 - (length % 4)) % 4;

/**
 * Layout: 4-byte header length, the header (JSON), the keys joined by newlines, then each array, each
 * starting on a 4-byte boundary so that reading can view it in the file's buffer without a copy.
 */
function writeState(state: ModelState, entryCount: number): Buffer {
  const keys = Buffer.from(state.keys.join('\n'));
  const header = Buffer.from(
    JSON.stringify({
      format: MODEL_FORMAT,
      entryCount,
      unseenWeight: state.unseenWeight,
      keyCount: state.keys.length,
      keyBytes: keys.length,
      arrays: ARRAY_NAMES.map((name) => ({ name, type: typeOf(state[name]), length: state[name].length })),
    }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const parts: Buffer[] = [length, header, keys, Buffer.alloc(padTo4(4 + header.length + keys.length))];
  for (const name of ARRAY_NAMES) {
    const array = state[name];
    parts.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength), Buffer.alloc(padTo4(array.byteLength)));
  }
  return Buffer.concat(parts);
}

function readState(buffer: Buffer, entryCount: number): ModelState | undefined {
  if (buffer.length < 4) return undefined;
  const headerLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')) as {
    format: string;
    entryCount: number;
    unseenWeight: number;
    keyCount: number;
    keyBytes: number;
    arrays: { name: ArrayName; type: ArrayType; length: number }[];
  };
  if (header.format !== MODEL_FORMAT || header.entryCount !== entryCount) return undefined;
  let at = 4 + headerLength;
  const keys = header.keyCount === 0 ? [] : buffer.subarray(at, at + header.keyBytes).toString('utf8').split('\n');
  at += header.keyBytes;
  at += padTo4(at);
  if (keys.length !== header.keyCount) return undefined;
  const arrays = {} as Record<ArrayName, AnyArray>;
  for (const { name, type, length } of header.arrays) {
    const Type = ARRAY_TYPES[type];
    const bytes = length * Type.BYTES_PER_ELEMENT;
    const start = buffer.byteOffset + at;
    if (start % 4 === 0) {
      arrays[name] = new Type(buffer.buffer as ArrayBuffer, start, length);
    } else {
      // A buffer from a pool may start anywhere; typed arrays need alignment, so copy.
      const copy = new Uint8Array(bytes);
      copy.set(buffer.subarray(at, at + bytes));
      arrays[name] = new Type(copy.buffer);
    }
    at += bytes + padTo4(bytes);
  }
  if (at !== buffer.length || ARRAY_NAMES.some((name) => !arrays[name])) return undefined;
  return {
    keys,
    unseenWeight: header.unseenWeight,
    weights: arrays.weights as Float32Array,
    offsets: arrays.offsets as Int32Array,
    ids: arrays.ids as Int32Array | Uint16Array,
    values: arrays.values as Uint16Array,
    matrix: arrays.matrix as Float32Array,
    bias: arrays.bias as Float32Array,
    kindOf: arrays.kindOf as Uint16Array,
  };
}
/** What an entry is known by: its phrasings; tags too when it has few phrasings. */
function entryTexts(entry: ModelEntry): string[] {
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
