import { cachePath, pruneCached, readCached, writeCached } from './cache';
import { folderContentHash, type LoadResult, knowledgeFromSections, loadKnowledge, type Sections } from './loader';

/**
 * `loadKnowledge`, with the validated sections kept in the cache by the folder's content hash: an
 * unchanged folder starts without parsing and validating its YAML again (3 s for 10,000 entries). Only a
 * valid base is cached, so errors are always found and placed by the full load.
 */
export function loadKnowledgeCached(folder: string, cacheDir?: string): LoadResult {
  if (!cacheDir) return loadKnowledge(folder);
  let hashed: { contentHash: string; files: string[] };
  try {
    hashed = folderContentHash(folder);
  } catch {
    return loadKnowledge(folder);
  }
  const file = cachePath(cacheDir, 'knowledge', folder, hashed.contentHash, 'json');
  const cached = readCached(file);
  if (cached) {
    try {
      const sections = JSON.parse(cached.toString('utf8')) as Sections;
      return { ok: true, knowledge: knowledgeFromSections(folder, hashed.contentHash, hashed.files, sections) };
    } catch {
      // A damaged file: load from the YAML and write it again.
    }
  }
  const loaded = loadKnowledge(folder);
  // The folder changed between hashing and loading: cache nothing rather than file it under the wrong key.
  if (loaded.ok && loaded.knowledge.contentHash === hashed.contentHash) {
    writeCached(file, JSON.stringify(loaded.knowledge.sections));
    pruneCached(file);
  }
  return loaded;
}
