import { cachePath, pruneCached, readCached, writeCached } from './cache';
import { EntryModel } from './entryModel';
import { type CompactIndex, compactIndex, loadCompactIndex } from './indexFile';
import { bilingualPlugin, lunr } from './lunrSetup';
import { analyzeText, stemmer } from './features';
import type { Entry } from './model';
import type { SynonymGroup } from './schema/synonyms';
import { Synonyms } from './synonyms';
import { indexable, tokenize } from './text';

/** Field boosts: a matching phrasing says far more than a matching tag, a tag more than body text. */
export const FIELD_BOOST = { phrase: 4, tags: 1.5, body: 0.6 } as const;

/** A document's text with the canonical forms of the bank's synonyms it uses added. */
function withSynonyms(text: string, synonyms: Synonyms): string {
  const plain = indexable(text);
  if (synonyms.size === 0) return plain;
  const extra = synonyms.expand(analyzeText(text).stems);
  return extra.length > 0 ? `${plain} ${extra.join(' ')}` : plain;
}

/**
 * The body's words that its phrasings and tags don't have: lunr only picks candidates, and a word in
 * both already finds the entry by its phrasing (13 → 11 MB of index at 10,000 entries).
 */
function bodyOnlyWords(entry: Entry): string {
  const st = stemmer();
  const known = new Set<string>();
  for (const text of [...entry.phrasings, ...entry.tags]) for (const word of tokenize(text)) known.add(st.stem(word));
  const own = tokenize(entry.body).filter((word) => !known.has(st.stem(word)));
  return own.join(' ');
}

/**
 * One lunr document per entry (its ref is the entry's id): all its phrasings in one field, its tags and its
 * body in two more. lunr only picks candidates, which the re-ranker orders (knowledge/search.ts), so it
 * needs to know which entries have a word, not which phrasing; a document per phrasing meant seven times
 * the documents and field vectors to load and score.
 */
export function build(entries: readonly Entry[], synonymGroups?: readonly SynonymGroup[]): lunr.Index {
  const plugin = bilingualPlugin();
  const synonyms = new Synonyms(synonymGroups);
  return lunr(function () {
    this.use(plugin);
    this.ref('id');
    this.field('phrase', { boost: FIELD_BOOST.phrase });
    this.field('tags', { boost: FIELD_BOOST.tags });
    this.field('body', { boost: FIELD_BOOST.body });
    // Positions are never used; leaving them out keeps the cached index small.
    this.metadataWhitelist = [];
    for (const entry of entries) {
      this.add({
        id: entry.id,
        phrase: entry.phrasings.map((p) => withSynonyms(p, synonyms)).join(' \n '),
        tags: entry.tags.length > 0 ? withSynonyms(entry.tags.join(' '), synonyms) : '',
        body: entry.body ? bodyOnlyWords(entry) : '',
      });
    }
  });
}

export interface SearchParts {
  index: lunr.Index;
  model: EntryModel;
  /** Both read from the cache. */
  fromCache: boolean;
  indexFile?: string;
  modelFile?: string;
}

export interface SearchPartsOptions {
  /** Where the index and the model are cached; without it both are built. */
  cacheDir?: string;
  /** The knowledge folder, so that several folders can share a cache directory. */
  folder?: string;
  synonyms?: readonly SynonymGroup[];
}

/**
 * The lunr index and the re-ranker's model for this content, from the on-disk cache when their files match
 * the content and the code, else built and cached. A damaged cache file is rebuilt, never fatal.
 */
export function loadOrBuild(entries: readonly Entry[], contentHash: string, options: SearchPartsOptions = {}): SearchParts {
  const { cacheDir, folder = '.', synonyms } = options;
  const synonymSet = new Synonyms(synonyms);
  if (!cacheDir) return { index: build(entries, synonyms), model: EntryModel.build(entries, synonymSet), fromCache: false };

  const indexFile = cachePath(cacheDir, 'search', folder, contentHash, 'json');
  let index = readIndex(indexFile);
  const indexCached = index !== undefined;
  if (!index) {
    index = build(entries, synonyms);
    writeCached(indexFile, JSON.stringify(compactIndex(index)));
    pruneCached(indexFile);
  }

  const modelFile = cachePath(cacheDir, 'model', folder, contentHash, 'bin');
  const bytes = readCached(modelFile);
  let model = bytes ? safely(() => EntryModel.deserialize(bytes, entries.length, synonymSet)) : undefined;
  const modelCached = model !== undefined;
  if (!model) {
    model = EntryModel.build(entries, synonymSet);
    writeCached(modelFile, model.serialize());
    pruneCached(modelFile);
  }
  return { index, model, fromCache: indexCached && modelCached, indexFile, modelFile };
}

function readIndex(file: string): lunr.Index | undefined {
  const bytes = readCached(file);
  if (!bytes) return undefined;
  bilingualPlugin();
  return safely(() => loadCompactIndex(JSON.parse(bytes.toString('utf8')) as CompactIndex));
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
