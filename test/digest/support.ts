import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreSettings } from '../../bot/core/command';
import { createDeskScheduler } from '../../bot/core/digest/jobs';
import { resolveActor } from '../../bot/core/identity';
import { IssueDesk, type NewIssueInput } from '../../bot/core/issues/issueDesk';
import type { Issue } from '../../bot/core/issues/model';
import { createLogger } from '../../bot/core/logger';
import type { Scheduler } from '../../bot/core/scheduler/scheduler';
import type { Reply, Target } from '../../bot/core/types';
import { renderText } from '../../bot/render/text';
import { loadKnowledge } from '../../knowledge/loader';
import { KnowledgeBase } from '../../knowledge/model';
import { type Database, openDatabase } from '../../storage/database';
import type { OutboxItem } from '../../storage/outbox';
import { openStores, type Stores } from '../../storage/stores';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundled knowledge base: the real departments, schedules and the 2026 production calendar. */
export const BUNDLED_KB = join(ROOT, 'knowledge/base');
export const SETTINGS: CoreSettings = { timezone: 'Europe/Moscow', secret: 'test-secret', platforms: ['console'] };

const dirs: string[] = [];
export function tempDir(prefix = 'clientdesk-digest-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** An editable copy of the bundled knowledge base. */
export function copyBundledKb(): string {
  const dir = tempDir('clientdesk-kb-');
  cpSync(BUNDLED_KB, dir, { recursive: true });
  return dir;
}

export function loadKb(folder = BUNDLED_KB): KnowledgeBase {
  const result = loadKnowledge(folder);
  if (!result.ok) throw new Error(`knowledge base failed to load: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return new KnowledgeBase(result.knowledge);
}

/** Moscow wall time → instant: `msk('2026-01-12 09:00')`, `msk('2026-01-12 09:00:30')`. */
export function msk(local: string): Date {
  const iso = local.replace(' ', 'T');
  return new Date(`${iso}${iso.length === 16 ? ':00' : ''}+03:00`);
}

export class FakeClock {
  constructor(public current: Date) {}
  now = (): Date => this.current;
  set(at: Date): void {
    this.current = at;
  }
}

/**
 * One bot process's view: the real knowledge base, a SQLite file, the desk scheduler and a fake clock.
 * `restart()` closes everything and opens it again on the same file, as a restarted bot would.
 */
export class World {
  db!: Database;
  stores!: Stores;
  scheduler!: Scheduler;
  readonly logLines: Record<string, unknown>[] = [];
  readonly clock: FakeClock;
  readonly kb: KnowledgeBase;

  constructor(
    readonly dbFile: string,
    start: Date,
    kbFolder = BUNDLED_KB,
  ) {
    this.clock = new FakeClock(start);
    this.kb = loadKb(kbFolder);
    this.open();
  }

  static fresh(start: Date, kbFolder?: string): World {
    return new World(join(tempDir(), 'clientdesk.db'), start, kbFolder);
  }

  private open(): void {
    this.db = openDatabase(this.dbFile);
    this.stores = openStores(this.db);
    const log = createLogger({ level: 'debug', write: (line) => this.logLines.push(JSON.parse(line)) });
    this.scheduler = createDeskScheduler({ knowledge: () => this.kb, stores: this.stores, log, settings: SETTINGS });
  }

  restart(): void {
    this.close();
    this.open();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Moves the clock and ticks the scheduler, as the 30-second timer would. */
  tickAt(at: Date): ReturnType<Scheduler['tick']> {
    this.clock.set(at);
    return this.scheduler.tick(at);
  }

  desk(email: string): IssueDesk {
    const actor = resolveActor(this.kb, { platform: 'console', platformUserId: email, email });
    return new IssueDesk({
      kb: this.kb,
      stores: this.stores,
      clock: this.clock,
      zone: SETTINGS.timezone,
      secret: SETTINGS.secret,
      platforms: SETTINGS.platforms,
      log: createLogger({ write: () => {} }),
      actor,
      platform: 'console',
    });
  }

  /** Logs an issue at `at` (by a client relations officer, routed by the real rules). */
  issue(at: Date, input: Partial<NewIssueInput> & { category: string }, by = 'o.petrov@bank.example'): Issue {
    this.clock.set(at);
    return this.desk(by).create({
      client: 'Клиент Тестовый',
      vip: false,
      channel: 'branch',
      priority: 'normal',
      description: `Обращение по категории ${input.category}`,
      ...input,
    });
  }

  /** Every outbox row in order, or those for one kind of target. */
  outbox(filter?: (target: Target) => boolean): OutboxItem[] {
    const all = this.stores.outbox.latest('console', 100_000).reverse();
    return filter ? all.filter((i) => filter(i.target)) : all;
  }

  digests(department?: string): OutboxItem[] {
    return this.outbox((t) => t.kind === 'department' && (!department || t.departmentId === department)).filter(
      (i) => !i.anchor && textOf(i.payload.ru).startsWith('== Дайджест'),
    );
  }

  toPerson(email: string): OutboxItem[] {
    return this.outbox((t) => t.kind === 'person' && t.personId === email);
  }
}

export function textOf(reply: Reply): string {
  return renderText(reply).text;
}
