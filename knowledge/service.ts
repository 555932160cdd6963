import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from '../bot/core/logger';
import { loadKnowledgeCached } from './cachedLoad';
import { formatKbError, type KbError } from './loader';
import { KnowledgeBase } from './model';
import { Searcher } from './search';
import { loadOrBuild } from './searchIndex';

export class KnowledgeLoadError extends Error {
  constructor(readonly errors: KbError[]) {
    super(`the knowledge base has ${errors.length} error(s):\n${errors.map(formatKbError).join('\n')}`);
  }
}

export interface KnowledgeSnapshot {
  kb: KnowledgeBase;
  searcher: Searcher;
  fromCache: boolean;
}

export function openSnapshot(folder: string, cacheDir?: string): KnowledgeSnapshot {
  const result = loadKnowledgeCached(folder, cacheDir);
  if (!result.ok) throw new KnowledgeLoadError(result.errors);
  const kb = new KnowledgeBase(result.knowledge);
  const synonyms = kb.sections.synonyms;
  const { index, model, fromCache } = loadOrBuild(kb.entries, kb.contentHash, { cacheDir, folder, synonyms });
  return { kb, searcher: new Searcher(index, kb.entries, { synonyms, model }), fromCache };
}

/**
 * The knowledge base a running bot serves. A reload swaps in a new snapshot only when it is valid;
 * an invalid edit is logged and the last good version keeps serving.
 */
export class KnowledgeService {
  private snapshot: KnowledgeSnapshot;
  private watcher?: FSWatcher;
  private pending?: NodeJS.Timeout;
  private readonly listeners: ((snapshot: KnowledgeSnapshot) => void)[] = [];

  constructor(
    readonly folder: string,
    private readonly log: Logger,
    private readonly cacheDir?: string,
  ) {
    this.snapshot = openSnapshot(folder, cacheDir);
  }

  get current(): KnowledgeSnapshot {
    return this.snapshot;
  }

  onReload(listener: (snapshot: KnowledgeSnapshot) => void): void {
    this.listeners.push(listener);
  }

  /** Loads the folder again; returns the errors when the new version was refused. */
  reload(): KbError[] {
    try {
      const next = openSnapshot(this.folder, this.cacheDir);
      if (next.kb.contentHash === this.snapshot.kb.contentHash) return [];
      this.snapshot = next;
      this.log.info('knowledge.reloaded', { entries: next.kb.entries.length, hash: next.kb.contentHash.slice(0, 12) });
      for (const listener of this.listeners) listener(next);
      return [];
    } catch (error) {
      if (error instanceof KnowledgeLoadError) {
        this.log.warn('knowledge.reload_refused', {
          errors: error.errors.length,
          first: error.errors.slice(0, 5).map(formatKbError),
          serving: this.snapshot.kb.contentHash.slice(0, 12),
        });
        return error.errors;
      }
      throw error;
    }
  }

  /** Reloads shortly after the files change (editors write in several steps). */
  watch(debounceMs = 300): void {
    if (this.watcher) return;
    this.watcher = watch(this.folder, { recursive: true }, () => {
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.reload(), debounceMs);
    });
    this.watcher.on('error', (error) => this.log.warn('knowledge.watch_failed', { error: String(error) }));
  }

  close(): void {
    clearTimeout(this.pending);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
