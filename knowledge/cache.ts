import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The on-disk cache of what a start derives from the knowledge folder (validated sections, the lunr index,
 * the re-ranker's model). A file's name carries the folder's content hash and the version of the code that
 * derived it, so an edit of either makes a new file and an old one is never read into new code.
 */

const KNOWLEDGE_CODE = dirname(fileURLToPath(import.meta.url));
let codeVersion: string | undefined;

/** Hash of the knowledge code (this folder's .ts files and its schemas): what derived data depends on. */
export function knowledgeCodeVersion(): string {
  if (codeVersion === undefined) {
    const hash = createHash('sha256');
    for (const dir of [KNOWLEDGE_CODE, join(KNOWLEDGE_CODE, 'schema')]) {
      let names: string[] = [];
      try {
        names = readdirSync(dir).filter((n) => /\.[cm]?[jt]s$/.test(n)).sort();
      } catch {
        // A packaged build without its sources: the content hash alone keys the files.
      }
      for (const name of names) hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
    }
    codeVersion = hash.digest('hex');
  }
  return codeVersion;
}

/**
 * `<kind>-<folder>-<key>.<extension>`: the folder part lets folders share a cache directory without
 * pruning each other's files; the key is the content hash and the code version together.
 */
export function cachePath(cacheDir: string, kind: string, folder: string, contentHash: string, extension: string): string {
  const folderTag = createHash('sha256').update(resolve(folder)).digest('hex').slice(0, 8);
  const key = createHash('sha256').update(kind).update('\0').update(knowledgeCodeVersion()).update('\0').update(contentHash).digest('hex');
  return join(cacheDir, `${kind}-${folderTag}-${key.slice(0, 24)}.${extension}`);
}

/** The file's bytes, or undefined when it is not there or unreadable (a cache miss, never an error). */
export function readCached(file: string): Buffer | undefined {
  try {
    return existsSync(file) ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes atomically: a reader sees the whole file or none. */
export function writeCached(file: string, data: string | Buffer): void {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    // A read-only disk costs a rebuild at the next start, nothing more.
  }
}

/**
 * Removes the files of the same kind and folder other than `keep`: older versions of the folder or the code,
 * which nothing asks for again (an edit undone costs one rebuild). Other folders' files stay.
 */
export function pruneCached(keep: string): void {
  const dir = dirname(keep);
  const prefix = basename(keep).replace(/[0-9a-f]{24}\.[^.]+$/, '');
  try {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && name !== basename(keep) && !name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // Pruning is housekeeping: a failure leaves old files, nothing else.
  }
}
