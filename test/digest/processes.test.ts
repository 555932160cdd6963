import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { msk, removeTempDirs, ROOT, tempDir, textOf, World } from './support';

afterAll(removeTempDirs);

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  done: Promise<{ code: number | null; output: string; errors: string }>;
}

function startChild(dbFile: string, from: Date, to: Date, stepSeconds: number): Child {
  const child = spawn('npx', ['tsx', join(ROOT, 'test/digest/scripts/tickProcess.ts'), dbFile, from.toISOString(), to.toISOString(), String(stepSeconds)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('ready\n')) onReady();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const done = new Promise<{ code: number | null; output: string; errors: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, output, errors }));
  });
  return { process: child, ready, done };
}

describe('two bot processes on one database', () => {
  it('send each digest, reminder and escalation once: the unique run key decides', async () => {
    const dbFile = join(tempDir(), 'clientdesk.db');
    const setup = new World(dbFile, msk('2026-03-02 08:00'));
    setup.tickAt(msk('2026-03-02 08:00'));
    const late = setup.issue(msk('2026-03-02 10:00'), { category: 'card_blocked', priority: 'high', description: 'Карта заблокирована' });
    setup.clock.set(msk('2026-03-02 10:05'));
    setup.desk('d.kozlov@bank.example').take(late.number);
    setup.issue(msk('2026-03-02 10:10'), { category: 'loan_early_repayment', description: 'Досрочное погашение' });
    const before = setup.outbox().length;
    setup.close();

    // Both tick the same week, every 5 minutes, as fast as they can: 1,400 ticks each, racing for every run.
    const from = msk('2026-03-02 08:05');
    const to = msk('2026-03-06 18:00');
    const children = [startChild(dbFile, from, to, 300), startChild(dbFile, from, to, 300)];
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.process.stdin?.end('go\n');
    const results = await Promise.all(children.map((c) => c.done));
    const runs = results.map((r) => {
      expect(r.code, r.errors).toBe(0);
      const last = r.output.trim().split('\n').at(-1) ?? '{}';
      return JSON.parse(last) as { pid: number; ran: string[]; lost: string[]; failed: string[] };
    });
    for (const r of runs) expect(r.failed).toEqual([]);
    const allRuns = runs.flatMap((r) => r.ran);
    // Every run key was done by exactly one of the two; what one lost, the other did.
    expect(new Set(allRuns).size).toBe(allRuns.length);
    for (const lost of runs.flatMap((r) => r.lost)) expect(allRuns).toContain(lost);

    const w = new World(dbFile, msk('2026-03-02 14:16'));
    try {
      expect(w.outbox().length).toBeGreaterThan(before);
      for (const department of w.kb.departments.map((d) => d.id)) {
        const expected = allRuns.filter((r) => r.startsWith(`digest/${department}@`)).length;
        expect(w.digests(department), department).toHaveLength(expected);
      }
      // Five working days: five digests each; the committee's on Monday; Yekaterinburg's Monday 09:00 was
      // 07:00 in Moscow, before the bot first started.
      for (const department of ['cards', 'loans', 'deposits', 'it', 'client_relations']) expect(w.digests(department), department).toHaveLength(5);
      expect(w.digests('committee')).toHaveLength(1);
      expect(w.digests('branch_ekb')).toHaveLength(4);
      // Reminded at 80 % (13:15 run) and when overdue (14:00 run), once each.
      const reminders = w.toPerson('d.kozlov@bank.example').filter((i) => textOf(i.payload.ru).startsWith('== ⏰'));
      expect(reminders).toHaveLength(2);
      const escalations = w.toPerson('a.ivanova@bank.example').filter((i) => textOf(i.payload.ru).startsWith('== ⚠️'));
      expect(escalations).toHaveLength(1);
      // Overdue by more than two working days on Wednesday afternoon: the committee, once.
      expect(w.stores.issueEvents.history(late.id).filter((e) => e.type === 'escalated').map((e) => e.data.level)).toEqual(['head', 'committee']);
      expect(w.outbox((t) => t.kind === 'committee')).toHaveLength(1);
      expect(w.stores.issueEvents.history(late.id).filter((e) => e.type === 'reminded').map((e) => e.data.level)).toEqual(['share', 'overdue']);
    } finally {
      w.close();
    }
  }, 120_000);
});
