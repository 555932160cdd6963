import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for spawning entry points and reading the bundled knowledge base. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The small knowledge base most tests run on. */
export const FIXTURE_KB = join(ROOT, 'test/fixtures/kb');

/** Temp folders made by one test file; `removeTempDirs()` in `afterAll`/`afterEach` deletes them. */
const made: string[] = [];

export function tempDir(prefix = 'clientdesk-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A private, editable copy of the fixture knowledge base. */
export function copyFixtureKb(): string {
  const dir = tempDir('clientdesk-kb-');
  cpSync(FIXTURE_KB, dir, { recursive: true });
  return dir;
}

/** Replaces text that must occur exactly once, so a fixture edit never silently misses. */
export function editFile(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const source = readFileSync(path, 'utf8');
  const count = source.split(from).length - 1;
  if (count !== 1) throw new Error(`${file}: expected exactly one "${from}", found ${count}`);
  writeFileSync(path, source.replace(from, to));
}

/** The 1-based line of the only line containing `text`. */
export function lineOf(dir: string, file: string, text: string): number {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  const found = lines.flatMap((line, i) => (line.includes(text) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`${file}: expected one line with "${text}", found ${found.length}`);
  return found[0]!;
}
