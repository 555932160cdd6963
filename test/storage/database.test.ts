import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, DatabaseVersionError, openDatabase, schemaVersion } from '../../storage/database';
import { type Migration, migrations } from '../../storage/migrations';
import { PrefsRepository } from '../../storage/prefs';
import { removeTempDirs, tempDir } from '../support/files';

afterAll(removeTempDirs);

const LATEST = migrations.length;
const at = new Date('2026-03-02T09:00:00Z');

function newFile(): string {
  return join(tempDir('clientdesk-db-'), 'clientdesk.db');
}

/** The schema as SQLite stores it, for comparing two databases. */
function schemaOf(db: Database): string[] {
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
  return rows.map((r) => `${r.type} ${r.name}: ${(r.sql ?? '').replace(/\s+/g, ' ')}`);
}

/** Opens the file without clientdesk's migrations, to look at it as it is on disk. */
function rawVersion(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('the database', () => {
  it('has migrations numbered 1, 2, 3 … in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST).toBeGreaterThanOrEqual(1);
  });

  it('migrates an empty file to the latest version', () => {
    const db = openDatabase(newFile());
    expect(schemaVersion(db)).toBe(LATEST);
    expect(schemaOf(db)).toEqual(expect.arrayContaining([expect.stringMatching(/^table inbound_events: /), expect.stringMatching(/^table user_prefs: /)]));
    db.close();
  });

  it('migrates from every earlier version to the same schema, keeping the data', () => {
    const fresh = openDatabase(newFile());
    const expected = schemaOf(fresh);
    fresh.close();
    for (let k = 0; k <= LATEST; k++) {
      const file = newFile();
      const old = openDatabase(file, { migrations: migrations.slice(0, k) });
      expect(schemaVersion(old), `from ${k}`).toBe(k);
      // Migration 1 creates the preferences: a row written by that version must survive every later one.
      if (k >= 1) new PrefsRepository(old).setLocale('irina@bank.test', 'en', at);
      old.close();

      const upgraded = openDatabase(file);
      expect(schemaVersion(upgraded), `from ${k}`).toBe(LATEST);
      expect(schemaOf(upgraded), `from ${k}`).toEqual(expected);
      if (k >= 1) expect(new PrefsRepository(upgraded).of('irina@bank.test').locale, `from ${k}`).toBe('en');
      upgraded.close();
      // Opening again changes nothing.
      const again = openDatabase(file);
      expect(schemaOf(again)).toEqual(expected);
      again.close();
    }
  });

  it('refuses a database written by a newer release, with a clear message, and leaves it untouched', () => {
    const file = newFile();
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(DatabaseVersionError);
    expect(() => openDatabase(file)).toThrow(
      `the database is at schema version ${LATEST + 1}, but this clientdesk knows only up to ${LATEST}: it was written by a newer release.`,
    );
    expect(rawVersion(file)).toBe(LATEST + 1);
  });

  it('runs in WAL mode with foreign keys enforced', () => {
    const parentChild: Migration = {
      version: LATEST + 1,
      name: 'test: a parent and a child',
      sql: 'CREATE TABLE test_parent (id INTEGER PRIMARY KEY); CREATE TABLE test_child (parent INTEGER NOT NULL REFERENCES test_parent (id));',
    };
    const db = openDatabase(newFile(), { migrations: [...migrations, parentChild] });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(() => db.prepare('INSERT INTO test_child (parent) VALUES (42)').run()).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare('INSERT INTO test_parent (id) VALUES (42)').run();
    db.prepare('INSERT INTO test_child (parent) VALUES (42)').run();
    db.close();
  });

  it('rolls a failed migration back entirely and keeps the version before it', () => {
    const file = newFile();
    const broken: Migration = {
      version: LATEST + 1,
      name: 'test: fails halfway',
      sql: 'CREATE TABLE half_done (x INTEGER); INSERT INTO half_done VALUES (1); INSERT INTO no_such_table VALUES (1);',
    };
    openDatabase(file).close();
    expect(() => openDatabase(file, { migrations: [...migrations, broken] })).toThrow(/no such table: no_such_table/);
    expect(rawVersion(file)).toBe(LATEST);
    const db = openDatabase(file);
    expect(schemaOf(db).some((line) => line.includes('half_done'))).toBe(false);
    db.close();

    // From empty: the migrations before the broken one are kept, each in its own transaction.
    const second = newFile();
    const brokenSecond: Migration = { ...broken, version: 2 };
    expect(() => openDatabase(second, { migrations: [migrations[0]!, brokenSecond] })).toThrow(/no_such_table/);
    expect(rawVersion(second)).toBe(1);
  });

  it('refuses a migration list out of order', () => {
    const skipped: Migration = { version: 3, name: 'test: skips 2', sql: 'SELECT 1;' };
    expect(() => openDatabase(newFile(), { migrations: [migrations[0]!, skipped] })).toThrow('migration list out of order: #2 is numbered 3');
  });

  it('works in memory too', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(LATEST);
    db.close();
  });
});
