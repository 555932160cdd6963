import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isNode, LineCounter, type Document, parseDocument } from 'yaml';
import type { z } from 'zod';
import { crossChecks } from './crossChecks';
import { fileSections, knowledgeFile } from './schema';

/** One problem in the knowledge folder, precise enough for its author to fix it. */
export interface KbError {
  file: string;
  line: number;
  column: number;
  /** Field path inside the file, e.g. `answers[3].owner`. */
  path: string;
  message: string;
}

type SectionSchemas = typeof fileSections;
type Parsed<K extends keyof SectionSchemas> = z.infer<SectionSchemas[K]>;
/** Lists from several files are concatenated; single objects (a calendar) are collected into a list. */
type Merged<T> = T extends (infer U)[] ? U[] : T[];
export type Sections = { [K in keyof SectionSchemas]: Merged<Parsed<K>> };

export interface Origin {
  file: string;
  path: (string | number)[];
}

export interface LoadedKnowledge {
  folder: string;
  /** Hash of every file's name and content: the cache key of the search index. */
  contentHash: string;
  files: string[];
  sections: Sections;
  /**
   * Sections with a file that failed to load: their lists lack items, so a reference into them that
   * seems broken may not be. Cross-checks skip such references rather than report false errors.
   */
  incomplete: ReadonlySet<keyof Sections>;
  /** Where each loaded item came from, for error messages found after parsing. */
  originOf(item: object): Origin | undefined;
  /** Line and column of a field in a loaded file. */
  locate(origin: Origin): { line: number; column: number };
}

export type LoadResult = { ok: true; knowledge: LoadedKnowledge } | { ok: false; errors: KbError[] };

export function listYamlFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(name)) found.push(full);
    }
  };
  walk(folder);
  return found;
}

function hashFile(hash: Hash, rel: string, source: string | Buffer): void {
  hash.update(rel).update('\0').update(source).update('\0');
}

/** The folder's content hash exactly as `loadKnowledge` computes it, without parsing anything. */
export function folderContentHash(folder: string): { contentHash: string; files: string[] } {
  const hash = createHash('sha256');
  const files = listYamlFiles(folder).map((full) => {
    const rel = relative(folder, full);
    // The bytes, not decoded text: hashing UTF-8 text hashes these same bytes, without a 19 MB string per start.
    hashFile(hash, rel, readFileSync(full));
    return rel;
  });
  return { contentHash: hash.digest('hex'), files };
}

/**
 * Knowledge already validated once (read back from the cache): the same sections, without the parsed
 * files that error positions come from; a valid base has no errors to place.
 */
export function knowledgeFromSections(folder: string, contentHash: string, files: string[], sections: Sections): LoadedKnowledge {
  return {
    folder,
    contentHash,
    files,
    sections,
    incomplete: new Set(),
    originOf: () => undefined,
    locate: () => ({ line: 0, column: 0 }),
  };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(file)';
}

interface ParsedFile {
  rel: string;
  doc: Document;
  lines: LineCounter;
}

/** The deepest node that exists along `path`, so a missing field points at its parent mapping. */
function positionOf(file: ParsedFile, path: readonly PropertyKey[]): { line: number; column: number } {
  const keys = path.filter((k): k is string | number => typeof k === 'string' || typeof k === 'number');
  for (let depth = keys.length; depth >= 0; depth--) {
    const prefix = keys.slice(0, depth);
    const node = prefix.length === 0 ? file.doc.contents : file.doc.getIn(prefix, true);
    if (isNode(node) && node.range) {
      // For a present key whose value is the culprit, point at the key itself when we can.
      const parent = prefix.length > 0 ? file.doc.getIn(prefix.slice(0, -1), true) : undefined;
      if (depth === keys.length && isMap(parent)) {
        const pair = parent.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === prefix.at(-1));
        if (pair && isNode(pair.key) && pair.key.range) return toLineCol(file, pair.key.range[0]);
      }
      return toLineCol(file, node.range[0]);
    }
  }
  return { line: 1, column: 1 };
}

function toLineCol(file: ParsedFile, offset: number) {
  const pos = file.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function emptySections(): Sections {
  return Object.fromEntries(Object.keys(fileSections).map((key) => [key, []])) as unknown as Sections;
}

/** Reads, validates and cross-checks every YAML file under `folder`. All errors are reported together. */
export function loadKnowledge(folder: string): LoadResult {
  const errors: KbError[] = [];
  // Only the text of each file is kept once it is validated: a cross-check error re-parses its file to
  // place itself. Holding every parsed document took half a gigabyte at 10,000 entries.
  const sources = new Map<string, string>();
  const origins = new WeakMap<object, Origin>();
  const sections = emptySections();
  const incomplete = new Set<keyof Sections>();
  const hash = createHash('sha256');

  let files: string[];
  try {
    files = listYamlFiles(folder);
  } catch (error) {
    return {
      ok: false,
      errors: [{ file: folder, line: 0, column: 0, path: '', message: `cannot read the folder: ${(error as Error).message}` }],
    };
  }
  if (files.length === 0) {
    errors.push({ file: folder, line: 0, column: 0, path: '', message: 'no .yaml files found' });
  }

  for (const full of files) {
    const rel = relative(folder, full);
    const source = readFileSync(full, 'utf8');
    hashFile(hash, rel, source);
    const lines = new LineCounter();
    const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const file: ParsedFile = { rel, doc, lines };
    sources.set(rel, source);
    if (doc.errors.length > 0) {
      // One bad indentation makes the parser report a cascade of errors after it: the first one is the
      // author's mistake, the rest are noise until it is fixed.
      markIncomplete(incomplete, doc.contents);
      const [first, ...more] = doc.errors;
      if (first) {
        // `linePos` is filled only with prettyErrors; the offset always is.
        const pos = lines.linePos(first.pos[0]);
        const rest = more.length > 0 ? ` (and ${more.length} more syntax error(s) after it, usually caused by this one)` : '';
        errors.push({
          file: rel,
          line: pos.line,
          column: pos.col,
          path: '',
          message: `YAML syntax: ${first.message.split('\n')[0]}${rest}`,
        });
      }
      continue;
    }
    const data = doc.toJS({ maxAliasCount: 100 }) ?? {};
    // zod 4 leaves the offending value out of its issues unless asked: without it a wrong value reads as missing.
    const result = knowledgeFile.safeParse(data, { reportInput: true });
    if (!result.success) {
      markIncomplete(incomplete, doc.contents);
      for (const issue of result.error.issues) {
        const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
        const where = positionOf(file, path);
        errors.push({ file: rel, ...where, path: formatPath(path), message: describeIssue(issue) });
      }
      continue;
    }
    for (const [key, value] of Object.entries(result.data) as [keyof Sections, unknown][]) {
      const target = sections[key] as unknown[];
      if (Array.isArray(value)) {
        value.forEach((item, index) => {
          target.push(item);
          if (item && typeof item === 'object') origins.set(item, { file: rel, path: [key, index] });
        });
      } else if (value !== undefined) {
        target.push(value);
        if (value && typeof value === 'object') origins.set(value, { file: rel, path: [key] });
      }
    }
  }

  let lastParsed: ParsedFile | undefined;
  const locate = (origin: Origin) => {
    const source = sources.get(origin.file);
    if (source === undefined) return { line: 1, column: 1 };
    // Errors come file by file: one parsed file at a time is enough.
    if (lastParsed?.rel !== origin.file) {
      const lines = new LineCounter();
      lastParsed = { rel: origin.file, doc: parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
    }
    return positionOf(lastParsed, origin.path);
  };
  const knowledge: LoadedKnowledge = {
    folder,
    contentHash: hash.digest('hex'),
    files: files.map((f) => relative(folder, f)),
    sections,
    incomplete,
    originOf: (item) => origins.get(item),
    locate,
  };

  // Run even when some files failed: an author fixing a typo should also learn of the unknown owner.
  for (const check of crossChecks) {
    check(knowledge, (item, field, message) => {
      const origin = origins.get(item) ?? { file: '(unknown)', path: [] };
      const path = [...origin.path, ...field];
      const where = locate({ file: origin.file, path });
      errors.push({ file: origin.file, ...where, path: formatPath(path), message });
    });
  }

  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  return { ok: true, knowledge };
}

/** The sections a failed file held (its top-level keys), or every section when even those are unreadable. */
function markIncomplete(incomplete: Set<keyof Sections>, contents: unknown): void {
  const known = Object.keys(fileSections) as (keyof Sections)[];
  const keys = isMap(contents) ? contents.items.map((pair) => (isNode(pair.key) ? (pair.key as { value?: unknown }).value : pair.key)) : [];
  const held = known.filter((k) => keys.includes(k));
  for (const k of held.length > 0 ? held : known) incomplete.add(k);
}

function sortErrors(errors: KbError[]): KbError[] {
  return errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `required field is missing (expected ${issue.expected})`;
      return `expected ${issue.expected}, got ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      return 'expected text, or a mapping with "ru" (and optionally "en") texts';
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export function formatKbError(error: KbError): string {
  const where = error.line > 0 ? `${error.file}:${error.line}:${error.column}` : error.file;
  return `${where}: ${error.path ? `${error.path}: ` : ''}${error.message}`;
}
