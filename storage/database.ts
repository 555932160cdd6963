import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Migration, migrations as allMigrations } from './migrations';

export type Database = BetterSqlite3.Database;

export class DatabaseVersionError extends Error {}

/**
 * Opens (and migrates) the database. WAL lets readers work while one writer commits; `synchronous=NORMAL`
 * is durable across a process crash in WAL mode, which is the failure we guard against.
 */
export function openDatabase(file: string, options: { migrations?: readonly Migration[] } = {}): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Two bot processes on one file wait for each other instead of failing at once.
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, options.migrations ?? allMigrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the database's `user_version`, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order: #${i + 1} is numbered ${m.version}`);
  });
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new DatabaseVersionError(
      `the database is at schema version ${current}, but this clientdesk knows only up to ${latest}: ` +
        'it was written by a newer release. Run that release, or restore a backup made for this one.',
    );
  }
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
