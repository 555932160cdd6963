import lunr from 'lunr';
import MiniSearch from 'minisearch';
import type { Entry } from '../knowledge/model';
import { FIELD_BOOST } from '../knowledge/searchIndex';
import { normalize } from '../knowledge/text';

/** A search engine under comparison: built from the same entries, asked the same questions. */
export interface ReferenceEngine {
  name: string;
  /** The best entry's id, or undefined when nothing matched. */
  top(question: string): string | undefined;
  /** Questions the engine refused (lunr's query syntax throws on some chat text). */
  errors(): number;
}

/**
 * MiniSearch as a user would set it up for this content: one document per entry, our field boosts,
 * fuzzy 0.2 and prefix search, and the ё→е folding our search does. It has no stemmer; fuzzy and
 * prefix matching stand in for one.
 */
export function buildMiniSearch(entries: readonly Entry[]): ReferenceEngine {
  const engine = new MiniSearch<{ id: string; phrasings: string; tags: string; body: string }>({
    fields: ['phrasings', 'tags', 'body'],
    storeFields: [],
    processTerm: (term) => normalize(term),
    searchOptions: {
      boost: { phrasings: FIELD_BOOST.phrase, tags: FIELD_BOOST.tags, body: FIELD_BOOST.body },
      fuzzy: 0.2,
      prefix: true,
    },
  });
  engine.addAll(entries.map((e) => ({ id: e.id, phrasings: e.phrasings.join('\n'), tags: e.tags.join(' '), body: e.body })));
  return {
    name: 'minisearch',
    top: (question) => engine.search(question)[0]?.id as string | undefined,
    errors: () => 0,
  };
}

/**
 * Stock lunr with default settings, as its README shows: the English pipeline (its trimmer strips
 * every Cyrillic word, so Russian questions find nothing), queried with `index.search(text)`, whose
 * query syntax rejects some chat text (a colon names a field). A refused question counts as no answer.
 */
export function buildPlainLunr(entries: readonly Entry[]): ReferenceEngine {
  const index = lunr(function () {
    this.ref('id');
    this.field('phrasings');
    this.field('tags');
    this.field('body');
    for (const e of entries) this.add({ id: e.id, phrasings: e.phrasings.join('\n'), tags: e.tags.join(' '), body: e.body });
  });
  let refused = 0;
  return {
    name: 'lunr',
    top: (question) => {
      try {
        return index.search(question)[0]?.ref;
      } catch {
        refused++;
        return undefined;
      }
    },
    errors: () => refused,
  };
}
