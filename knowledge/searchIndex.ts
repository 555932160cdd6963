import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bilingualPlugin, lunr } from './lunrSetup';
import { analyzeText } from './features';
import type { Entry } from './model';
import type { SynonymGroup } from './schema/synonyms';
import { Synonyms } from './synonyms';
import { indexable } from './text';

/** Bump when documents or fields change, so an old cache is never loaded into new code. */
export const INDEX_FORMAT = 'clientdesk-search-4';

/** Field boosts: a matching phrasing says far more than a matching tag, a tag more than body text. */
export const FIELD_BOOST = { phrase: 4, tags: 1.5, body: 0.6 } as const;

export type DocPart = 'phrase' | 'tags' | 'body';

/** lunr refs are `<entry id>|<part><n>`; entry ids never contain `|`. */
export function docRef(entryId: string, part: DocPart, n: number): string {
  return `${entryId}|${part[0]}${n}`;
}

export function entryIdOf(ref: string): string {
  return ref.slice(0, ref.lastIndexOf('|'));
}

/** A document's text with the canonical forms of the bank's synonyms it uses added. */
function withSynonyms(text: string, synonyms: Synonyms): string {
  const plain = indexable(text);
  if (synonyms.size === 0) return plain;
  const extra = synonyms.expand(analyzeText(text).stems);
  return extra.length > 0 ? `${plain} ${extra.join(' ')}` : plain;
}

export function build(entries: readonly Entry[], synonymGroups?: readonly SynonymGroup[]): lunr.Index {
  const plugin = bilingualPlugin();
  const synonyms = new Synonyms(synonymGroups);
  return lunr(function () {
    this.use(plugin);
    this.ref('ref');
    this.field('phrase', { boost: FIELD_BOOST.phrase });
    this.field('tags', { boost: FIELD_BOOST.tags });
    this.field('body', { boost: FIELD_BOOST.body });
    // Positions are never used; leaving them out keeps the cached index small.
    this.metadataWhitelist = [];
    for (const entry of entries) {
      entry.phrasings.forEach((phrasing, n) => {
        this.add({ ref: docRef(entry.id, 'phrase', n), phrase: withSynonyms(phrasing, synonyms) });
      });
      if (entry.tags.length > 0) this.add({ ref: docRef(entry.id, 'tags', 0), tags: withSynonyms(entry.tags.join(' '), synonyms) });
      if (entry.body) this.add({ ref: docRef(entry.id, 'body', 0), body: indexable(entry.body) });
    }
  });
}

export function cacheKey(contentHash: string): string {
  return createHash('sha256').update(INDEX_FORMAT).update(contentHash).digest('hex').slice(0, 24);
}

export interface LoadedIndex {
  index: lunr.Index;
  fromCache: boolean;
  cacheFile?: string;
}

/**
 * The index for this content, from the on-disk cache when its key matches, else built and cached.
 * A damaged cache file is rebuilt, never fatal.
 */
export function loadOrBuild(
  entries: readonly Entry[],
  contentHash: string,
  cacheDir?: string,
  synonyms?: readonly SynonymGroup[],
): LoadedIndex {
  if (!cacheDir) return { index: build(entries, synonyms), fromCache: false };
  const file = join(cacheDir, `search-${cacheKey(contentHash)}.json`);
  if (existsSync(file)) {
    try {
      bilingualPlugin();
      const index = lunr.Index.load(JSON.parse(readFileSync(file, 'utf8')));
      return { index, fromCache: true, cacheFile: file };
    } catch {
      // fall through and rebuild
    }
  }
  const index = build(entries, synonyms);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(index));
    renameSync(tmp, file);
  } catch {
    // A read-only disk costs a rebuild at the next start, nothing more.
  }
  return { index, fromCache: false, cacheFile: file };
}
