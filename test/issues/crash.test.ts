import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../storage/database';

const dir = mkdtempSync(join(tmpdir(), 'clientdesk-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the worker until it has committed `count` issues, then kills it with SIGKILL mid-stream. */
function runAndKill(dbFile: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crashWorker.ts'), dbFile, join(dir, 'cache')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const committed: string[] = [];
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('CL-')) committed.push(line);
      if (committed.length >= count && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`worker ended without being killed (${signal})`));
      else resolve(committed);
    });
  });
}

describe('a process killed while logging issues', () => {
  it('leaves no half-written issue and loses no committed notification', async () => {
    const dbFile = join(dir, 'clientdesk.db');
    const committed = await runAndKill(dbFile, 40);
    expect(committed.length).toBeGreaterThanOrEqual(40);

    const db = openDatabase(dbFile);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const issues = db.prepare('SELECT id, number FROM issues ORDER BY id').all() as { id: number; number: string }[];
      // Everything the worker reported as done is there (and perhaps one more that committed before the kill).
      const numbers = new Set(issues.map((i) => i.number));
      for (const n of committed) expect(numbers.has(n)).toBe(true);
      expect(issues.length - committed.length).toBeLessThanOrEqual(1);
      // Each issue is whole: its audit event and its two notices (card + requester), each for both platforms.
      const perIssue = db
        .prepare(
          `SELECT i.number,
                  (SELECT COUNT(*) FROM issue_events e WHERE e.issue_id = i.id) AS events,
                  (SELECT group_concat(n.kind || '@' || n.platforms, ' ') FROM issue_notices n WHERE n.issue_id = i.id) AS notices
           FROM issues i`,
        )
        .all() as { number: string; events: number; notices: string }[];
      for (const row of perIssue) {
        expect(row.events, row.number).toBe(1);
        expect(row.notices, row.number).toBe('card@slack,teams requester@slack,teams');
      }
      // No orphans: no event or notice without its issue, and the counter matches.
      const orphanEvents = db.prepare('SELECT COUNT(*) AS n FROM issue_events WHERE issue_id NOT IN (SELECT id FROM issues)').get();
      expect(orphanEvents).toEqual({ n: 0 });
      const notices = db.prepare('SELECT COUNT(*) AS n FROM issue_notices').get() as { n: number };
      expect(notices.n).toBe(issues.length * 2);
      const counter = db.prepare('SELECT last FROM issue_counters').get() as { last: number };
      expect(counter.last).toBe(issues.length);
    } finally {
      db.close();
    }
  });
});
