import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../storage/database';
import { GroupCommit } from '../../storage/groupCommit';
import { removeTempDirs, tempDir } from '../support/files';

afterAll(removeTempDirs);

function openNotes() {
  const file = join(tempDir('clientdesk-group-'), 'group.db');
  const db = openDatabase(file);
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
  const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
  // Another connection to the same file: it sees only what has been committed.
  const other = new BetterSqlite3(file, { readonly: true });
  const committed = () => (other.prepare('SELECT text FROM notes ORDER BY id').all() as { text: string }[]).map((r) => r.text);
  const close = () => {
    other.close();
    db.close();
  };
  return { file, db, insert, committed, close };
}

describe('group commit', () => {
  it('commits changes made in the same moment together, and tells each caller only after the commit', async () => {
    const { db, insert, committed, close } = openNotes();
    const group = new GroupCommit(db);
    const seenInside: string[][] = [];
    const results = await Promise.all(
      ['a', 'b', 'c'].map((text) =>
        group.run(() => {
          insert.run(text);
          // Inside the group nothing is committed yet, not even the changes before this one.
          seenInside.push(committed());
          return text.toUpperCase();
        }),
      ),
    );
    expect(results).toEqual(['A', 'B', 'C']);
    expect(seenInside).toEqual([[], [], []]);
    expect(committed()).toEqual(['a', 'b', 'c']);
    close();
  });

  it('rolls back a failing change alone: the others commit, its caller gets its error', async () => {
    const { db, insert, committed, close } = openNotes();
    const group = new GroupCommit(db);
    const outcomes = await Promise.allSettled([
      group.run(() => insert.run('first')),
      group.run(() => {
        insert.run('half of a change');
        insert.run('first'); // UNIQUE: this change fails, with its first row
      }),
      group.run(() => insert.run('third')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toContain('UNIQUE');
    expect(committed()).toEqual(['first', 'third']);
    close();
  });

  it('tells every caller when the commit itself fails, and writes none of the group', async () => {
    const { file, db, insert, committed, close } = openNotes();
    db.pragma('busy_timeout = 50');
    const holder = new BetterSqlite3(file);
    holder.exec('BEGIN IMMEDIATE'); // another process holds the write lock
    const group = new GroupCommit(db);
    const outcomes = await Promise.allSettled([group.run(() => insert.run('x')), group.run(() => insert.run('y'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    holder.exec('ROLLBACK');
    holder.close();
    expect(committed()).toEqual([]);
    // The next group goes through.
    await group.run(() => insert.run('z'));
    expect(committed()).toEqual(['z']);
    close();
  });

  it('splits a crowd into groups of at most the given size, in arrival order', async () => {
    const { db, insert, committed, close } = openNotes();
    const group = new GroupCommit(db, 4);
    const texts = Array.from({ length: 10 }, (_, i) => `n${i}`);
    const committedWhenResolved: number[] = [];
    await Promise.all(
      texts.map((text) =>
        group.run(() => insert.run(text)).then(() => {
          committedWhenResolved.push(committed().length);
        }),
      ),
    );
    expect(committed()).toEqual(texts);
    // Callers hear of their change when its group of four (or the last two) has committed.
    expect(committedWhenResolved).toEqual([4, 4, 4, 4, 8, 8, 8, 8, 10, 10]);
    close();
  });
});
