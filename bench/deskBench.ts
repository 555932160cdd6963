import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { resolveActor } from '../bot/core/identity';
import { IssueDesk, type NewIssueInput } from '../bot/core/issues/issueDesk';
import { workingCalendarOf } from '../bot/core/issues/sla';
import { createLogger } from '../bot/core/logger';
import type { Platform } from '../bot/core/types';
import { loadKnowledge } from '../knowledge/loader';
import { KnowledgeBase } from '../knowledge/model';
import { openDatabase } from '../storage/database';
import { openStores, type Stores } from '../storage/stores';
import { buildDepartmentDigest } from './digestHook';
import { writeKnowledgeBase } from './generate';
import { issueInputs, openIssues, type Spread } from './issueData';
import { latencies, latencyOf, nowMs, runsOf, timed } from './measure';
import { type Emit, target } from './report';

export interface DeskPlan {
  seed: number;
  /** Issues logged through IssueDesk.create, in `batches` timed batches. */
  issues: number;
  batches: number;
  /** Open issues for the listing and digest figures, and how they are spread over departments. */
  openIssues: number;
  spreads: Spread[];
  departments: number;
  /** Samples per listing/digest figure after a warm-up. */
  samples: number;
}

const ZONE = 'Europe/Moscow';
const SECRET = 'bench-secret-not-for-production';
const PLATFORMS: Platform[] = ['slack', 'teams'];
/** Tuesday 10 March 2026, 10:00 in Moscow: a working morning. */
const START = new Date('2026-03-10T07:00:00Z');

const silent = createLogger({ level: 'error', write: () => {} });

function openKb(folder: string): KnowledgeBase {
  const loaded = loadKnowledge(folder);
  if (!loaded.ok) throw new Error(`generated desk knowledge base is invalid: ${loaded.errors[0]?.message}`);
  return new KnowledgeBase(loaded.knowledge);
}

export async function benchDesk(plan: DeskPlan, emit: Emit): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-bench-desk-'));
  try {
    writeKnowledgeBase(join(dir, 'kb'), { seed: plan.seed, entries: 200, departments: plan.departments });
    const kb = openKb(join(dir, 'kb'));
    await logIssues(kb, dir, plan, emit);
    for (const spread of plan.spreads) listAndDigest(kb, dir, plan, spread, emit);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Issues per second through the whole path, then the same rows as plain inserts: the limit. */
async function logIssues(kb: KnowledgeBase, dir: string, plan: DeskPlan, emit: Emit): Promise<void> {
  const db = openDatabase(join(dir, 'desk.db'));
  const stores = openStores(db);
  const person = kb.departments.find((d) => d.id === 'service')?.members[0];
  const actor = resolveActor(kb, { platform: 'slack', platformUserId: person?.slack ?? 'U0BENCH', email: person?.email });
  const inputs = issueInputs(kb, plan.seed, plan.issues);
  const perBatch = Math.ceil(plan.issues / plan.batches);
  let tick = 0;
  const clock = { now: () => new Date(START.getTime() + tick * 1000) };
  const deskFor = (eventKey: string) =>
    new IssueDesk({ kb, stores, clock, zone: ZONE, secret: SECRET, platforms: PLATFORMS, log: silent, actor, platform: 'slack', eventKey });

  // Warm-up on a few issues (JIT, statement caches, the calendar memo), not counted.
  for (let i = 0; i < Math.min(200, plan.issues); i++) deskFor(`slack:warmup-${i}`).create(inputs[i]!);

  const rates: number[] = [];
  const perIssue: number[] = [];
  for (let b = 0; b < plan.batches; b++) {
    const slice = inputs.slice(b * perBatch, (b + 1) * perBatch);
    const start = nowMs();
    for (const input of slice) {
      tick++;
      const t0 = nowMs();
      deskFor(`slack:Ev${tick}`).create(input);
      perIssue.push(nowMs() - t0);
    }
    rates.push(slice.length / ((nowMs() - start) / 1000));
  }
  const ours = runsOf(rates);
  const written = {
    events: (db.prepare('SELECT COUNT(*) AS n FROM issue_events').get() as { n: number }).n,
    notices: (db.prepare('SELECT COUNT(*) AS n FROM issue_notices').get() as { n: number }).n,
    issues: (db.prepare('SELECT COUNT(*) AS n FROM issues').get() as { n: number }).n,
  };

  // The same issue rows into a table with no types, constraints or indexes, one transaction per row.
  const rows = db.prepare('SELECT * FROM issues ORDER BY id').all() as Record<string, unknown>[];
  const writeSets = writeSetsOf(db, rows.slice(-plan.issues));
  db.close();
  const plainRates = plainInsertRates(join(dir, 'plain.db'), rows.slice(-plan.issues), plan.batches);
  const plain = runsOf(plainRates);
  const wholeRates = plainWriteSetRates(join(dir, 'plain-all.db'), writeSets, plan.batches);
  const whole = runsOf(wholeRates);
  const breakdown = createBreakdown(kb, join(dir, 'breakdown.db'), actor, inputs.slice(0, Math.min(plan.issues, 2000)));

  const sizes = { issues: plan.issues, departments: kb.departments.length };
  emit({
    section: 'desk',
    name: 'issues logged per second (IssueDesk.create)',
    subject: 'clientdesk',
    sizes,
    unit: '/s',
    value: ours.median,
    runs: ours,
    target: target('≥ 2,000/s', '>=', 2000, ours.median),
    note: `mask, route, SLA, number, insert, audit event, notifications for ${PLATFORMS.join('+')} (${(written.notices / written.issues).toFixed(1)} rows per issue, rendered when delivered), one transaction each; file DB, WAL, synchronous=NORMAL; runs = batches of ${perBatch}`,
  });
  emit({
    section: 'desk',
    name: 'latency of one IssueDesk.create',
    subject: 'clientdesk',
    sizes,
    unit: 'ms',
    value: latencyOf(perIssue).p99,
    latency: latencyOf(perIssue),
  });
  emit({
    section: 'desk',
    name: 'plain SQLite insert per second (same rows)',
    subject: 'sqlite',
    sizes,
    unit: '/s',
    value: plain.median,
    runs: plain,
    note: 'the same issue rows into a table without types, constraints or indexes; WAL, synchronous=NORMAL, one transaction per row',
  });
  emit({
    section: 'desk',
    name: 'plain SQLite insert per second (whole write set)',
    subject: 'sqlite',
    sizes,
    unit: '/s',
    value: whole.median,
    runs: whole,
    note: `diagnostic: every row one IssueDesk.create writes (issue, events, notifications: ${(writeSets.reduce((a, w) => a + w.bytes, 0) / writeSets.length / 1024).toFixed(1)} KB of values) into three schema-less tables, one transaction per issue`,
  });
  emit({
    section: 'desk',
    name: 'where one IssueDesk.create spends its time',
    subject: 'clientdesk',
    sizes: { issues: breakdown.issues },
    unit: 'ms',
    value: breakdown.total,
    note: `mean per issue: before the transaction (mask, route, SLA) ${breakdown.before.toFixed(3)} · inside it (number, insert, events, notifications) ${breakdown.body.toFixed(3)} · BEGIN IMMEDIATE + COMMIT ${breakdown.commit.toFixed(3)}`,
  });
  const share = ours.median / plain.median;
  emit({
    section: 'desk',
    name: 'issue logging ÷ plain insert',
    subject: 'clientdesk',
    sizes,
    unit: 'share',
    value: share,
    target: target('≥ 1/3', '>=', 1 / 3, share),
    note: `${Math.round(ours.median)} ÷ ${Math.round(plain.median)} per second; one transaction per issue`,
  });

  const groupedRuns = runsOf(await groupedRates(kb, join(dir, 'grouped.db'), actor, inputs, plan.batches));
  const groupedSizes = { ...sizes, concurrency: CONCURRENT_REQUESTS };
  emit({
    section: 'desk',
    name: 'issues logged per second, requests at once (group commit)',
    subject: 'clientdesk',
    sizes: groupedSizes,
    unit: '/s',
    value: groupedRuns.median,
    runs: groupedRuns,
    note: `IssueDesk.createGrouped, as the chat command logs: ${CONCURRENT_REQUESTS} requests at a time, each issue in a savepoint of a transaction shared with the others of its moment, every caller told after the commit`,
  });
  const groupedShare = groupedRuns.median / plain.median;
  emit({
    section: 'desk',
    name: 'issue logging ÷ plain insert (group commit)',
    subject: 'clientdesk',
    sizes: groupedSizes,
    unit: 'share',
    value: groupedShare,
    target: target('≥ 1/3', '>=', 1 / 3, groupedShare),
    note: `${Math.round(groupedRuns.median)} ÷ ${Math.round(plain.median)} per second; the plain rate is one transaction per row, as defined`,
  });
}

/** Requests in the bot at once for the group-commit figure, as in the platform benchmark. */
const CONCURRENT_REQUESTS = 50;

/** The same issues through createGrouped, CONCURRENT_REQUESTS at a time, into a database of their own. */
async function groupedRates(kb: KnowledgeBase, file: string, actor: ReturnType<typeof resolveActor>, inputs: NewIssueInput[], batches: number): Promise<number[]> {
  const db = openDatabase(file);
  const stores = openStores(db);
  let tick = 0;
  const clock = { now: () => new Date(START.getTime() + tick * 1000) };
  const log = (key: string) => {
    tick++;
    return new IssueDesk({ kb, stores, clock, zone: ZONE, secret: SECRET, platforms: PLATFORMS, log: silent, actor, platform: 'slack', eventKey: key });
  };
  const inWaves = async (slice: NewIssueInput[], prefix: string) => {
    for (let i = 0; i < slice.length; i += CONCURRENT_REQUESTS) {
      await Promise.all(slice.slice(i, i + CONCURRENT_REQUESTS).map((input) => log(`slack:${prefix}${tick}`).createGrouped(input)));
    }
  };
  await inWaves(inputs.slice(0, Math.min(200, inputs.length)), 'warmup-');
  const perBatch = Math.ceil(inputs.length / batches);
  const rates: number[] = [];
  for (let b = 0; b < batches; b++) {
    const slice = inputs.slice(b * perBatch, (b + 1) * perBatch);
    const start = nowMs();
    await inWaves(slice, 'G');
    rates.push(slice.length / ((nowMs() - start) / 1000));
  }
  db.close();
  return rates;
}

interface WriteSet {
  issue: Record<string, unknown>;
  events: Record<string, unknown>[];
  notices: Record<string, unknown>[];
  bytes: number;
}

/** The rows each issue's transaction wrote; events and notifications carry the issue's creation time. */
function writeSetsOf(db: BetterSqlite3.Database, issues: Record<string, unknown>[]): WriteSet[] {
  const byTime = new Map<unknown, { events: Record<string, unknown>[]; notices: Record<string, unknown>[] }>();
  const slot = (at: unknown) => {
    let found = byTime.get(at);
    if (!found) {
      found = { events: [], notices: [] };
      byTime.set(at, found);
    }
    return found;
  };
  for (const row of db.prepare('SELECT * FROM issue_events ORDER BY id').all() as Record<string, unknown>[]) slot(row.at).events.push(row);
  for (const row of db.prepare('SELECT * FROM issue_notices ORDER BY id').all() as Record<string, unknown>[]) slot(row.created_at).notices.push(row);
  const size = (row: Record<string, unknown>) => Object.values(row).reduce<number>((a, v) => a + (typeof v === 'string' ? Buffer.byteLength(v) : 8), 0);
  return issues.map((issue) => {
    const { events, notices } = byTime.get(issue.created_at) ?? { events: [], notices: [] };
    return { issue, events, notices, bytes: [issue, ...events, ...notices].reduce((a, r) => a + size(r), 0) };
  });
}

function plainTable(db: BetterSqlite3.Database, name: string, sample: Record<string, unknown> | undefined) {
  const columns = Object.keys(sample ?? { id: 0 });
  db.exec(`CREATE TABLE ${name} (${columns.join(', ')})`);
  return db.prepare(`INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
}

function plainWriteSetRates(file: string, sets: WriteSet[], batches: number): number[] {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const issues = plainTable(db, 'plain_issues', sets[0]?.issue);
  const events = plainTable(db, 'plain_events', sets[0]?.events[0]);
  const notices = plainTable(db, 'plain_notices', sets[0]?.notices[0]);
  const one = db.transaction((set: WriteSet) => {
    issues.run(set.issue);
    for (const e of set.events) events.run(e);
    for (const n of set.notices) notices.run(n);
  });
  for (const set of sets.slice(0, 200)) one.immediate(set);
  const perBatch = Math.ceil(sets.length / batches);
  const rates: number[] = [];
  for (let b = 0; b < batches; b++) {
    const slice = sets.slice(b * perBatch, (b + 1) * perBatch);
    const start = nowMs();
    for (const set of slice) one.immediate(set);
    rates.push(slice.length / ((nowMs() - start) / 1000));
  }
  db.close();
  return rates;
}

/** One more pass on a fresh database with the transaction timed from inside: work before, within, and the commit. */
function createBreakdown(kb: KnowledgeBase, file: string, actor: ReturnType<typeof resolveActor>, inputs: ReturnType<typeof issueInputs>) {
  const db = openDatabase(file);
  const real = openStores(db);
  let inTransaction = 0;
  let inBody = 0;
  const stores: Stores = {
    ...real,
    transaction: (work) => {
      const start = nowMs();
      let body = 0;
      const value = real.transaction(() => {
        const t0 = nowMs();
        const v = work();
        body = nowMs() - t0;
        return v;
      });
      inTransaction += nowMs() - start;
      inBody += body;
      return value;
    },
  };
  let tick = 0;
  const clock = { now: () => new Date(START.getTime() + tick * 1000) };
  const start = nowMs();
  for (const input of inputs) {
    tick++;
    new IssueDesk({ kb, stores, clock, zone: ZONE, secret: SECRET, platforms: PLATFORMS, log: silent, actor, platform: 'slack', eventKey: `slack:Br${tick}` }).create(input);
  }
  const total = nowMs() - start;
  db.close();
  const n = inputs.length || 1;
  return { issues: inputs.length, total: total / n, before: (total - inTransaction) / n, body: inBody / n, commit: (inTransaction - inBody) / n };
}

function plainInsertRates(file: string, rows: Record<string, unknown>[], batches: number): number[] {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = plainTable(db, 'plain', rows[0]);
  const one = db.transaction((row: Record<string, unknown>) => insert.run(row));
  // The same warm-up as the desk gets (the table has no constraints, so repeating rows is harmless).
  for (const row of rows.slice(0, 200)) one.immediate(row);
  const perBatch = Math.ceil(rows.length / batches);
  const rates: number[] = [];
  for (let b = 0; b < batches; b++) {
    const slice = rows.slice(b * perBatch, (b + 1) * perBatch);
    const start = nowMs();
    for (const row of slice) one.immediate(row);
    rates.push(slice.length / ((nowMs() - start) / 1000));
  }
  db.close();
  return rates;
}

/** 100,000 open issues over the departments, then the department lists and the digest of the largest one. */
function listAndDigest(kb: KnowledgeBase, dir: string, plan: DeskPlan, spread: Spread, emit: Emit): void {
  const db = openDatabase(join(dir, `open-${spread}.db`));
  const stores = openStores(db);
  const now = START;
  const setup = timed(() => bulkInsert(stores, kb, plan, spread, now));
  const counts = db.prepare('SELECT department, COUNT(*) AS n FROM issues GROUP BY department ORDER BY n DESC').all() as { department: string; n: number }[];
  const largest = counts[0];
  if (!largest) throw new Error('no issues were inserted');
  const department = kb.department(largest.department);
  if (!department) throw new Error(`unknown department ${largest.department}`);
  const sizes = { open: plan.openIssues, departments: counts.length, spread, largest: largest.n };
  const options = { warmup: 3, passes: plan.samples };
  const once = [0];

  const byDepartment = latencies(once, () => stores.issues.openInDepartment(department.id), options);
  emit({
    section: 'desk',
    name: 'list open issues of a department (500)',
    subject: 'clientdesk',
    sizes,
    unit: 'ms',
    value: byDepartment.p99,
    latency: byDepartment,
    note: `issues.openInDepartment(largest); setup: ${plan.openIssues.toLocaleString('en-US')} issues bulk-inserted in ${(setup.ms / 1000).toFixed(1)} s`,
  });
  const overdue = latencies(once, () => stores.issues.overdue(department.id, now), options);
  emit({ section: 'desk', name: 'list overdue issues of a department (500)', subject: 'clientdesk', sizes, unit: 'ms', value: overdue.p99, latency: overdue, note: 'issues.overdue(largest, now)' });

  const calendar = workingCalendarOf(kb, silent);
  const digest = latencies(once, () => buildDepartmentDigest({ kb, stores, calendar, zone: ZONE, platforms: PLATFORMS }, department, now), options);
  emit({
    section: 'desk',
    name: 'digest of the largest department',
    subject: 'clientdesk',
    sizes,
    unit: 'ms',
    value: digest.p99,
    latency: digest,
    target: target('≤ 1 s', '<=', 1000, digest.p99),
    note: 'buildDigest() + digestReply() in ru and en (bot/core/digest), as the scheduled job does before its outbox insert',
  });
  db.close();
}

/** Setup, not measured: one transaction, each issue with its `created` event (routing included) as the desk writes it. */
function bulkInsert(stores: Stores, kb: KnowledgeBase, plan: DeskPlan, spread: Spread, now: Date): void {
  const issues = openIssues(kb, { seed: plan.seed, count: plan.openIssues, spread, now });
  stores.transaction(() => {
    for (const issue of issues) {
      const saved = stores.issues.insert(issue);
      const at = new Date(saved.createdAt);
      stores.issueEvents.append(saved.id, at, saved.requester, 'slack', 'created', {
        category: saved.category,
        priority: saved.priority,
        vip: saved.vip,
        department: saved.department,
        reasonRu: saved.routeReason.ru,
        reasonEn: saved.routeReason.en,
      });
    }
  });
}
