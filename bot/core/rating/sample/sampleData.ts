// A believable half-year of client work for the bundled bank, for the README pictures and for trying the
// commands: issues with SLA clocks from the real categories and calendar, first responses, resolutions,
// handoffs, reopenings, client ratings and answers served. Deterministic: the same seed, the same bank.
import { DateTime } from 'luxon';
import type { KnowledgeBase } from '../../../../knowledge/model';
import type { Stores } from '../../../../storage/stores';
import { computeDue, workingCalendarOf } from '../../issues/sla';
import { mulberry32 } from '../../random';
import { addWorkingTime } from '../../workingTime';

/** A seeded generator, so the pictures do not change from run to run. */
const random = mulberry32;

/** How well each department works, 0 (badly) to 1 (very well), and how that drifts month by month. */
const QUALITY: Record<string, { base: number; drift: number; volume: number }> = {
  client_relations: { base: 0.7, drift: 0.02, volume: 22 },
  operations: { base: 0.55, drift: 0.04, volume: 26 },
  cards: { base: 0.8, drift: -0.06, volume: 30 },
  deposits: { base: 0.85, drift: 0.01, volume: 14 },
  loans: { base: 0.5, drift: 0.06, volume: 18 },
  it: { base: 0.65, drift: -0.02, volume: 12 },
  digital: { base: 0.6, drift: 0.03, volume: 20 },
  branch_ekb: { base: 0.72, drift: 0, volume: 10 },
};

export interface SampleOptions {
  /** The months to fill, `YYYY-MM`, oldest first. */
  months: string[];
  zone: string;
  /** Issues that would be resolved after this are left open. */
  now: Date;
  seed?: number;
}

/** Writes the sample into `stores`; returns how many issues it made. */
export function seedSampleData(kb: KnowledgeBase, stores: Stores, options: SampleOptions): number {
  const rand = random(options.seed ?? 20261101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const calendar = workingCalendarOf(kb);
  const zone = options.zone;
  const departments = kb.departments.filter((d) => QUALITY[d.id] && d.categories.length > 0);
  const staff = (id: string) => kb.department(id)?.members.map((m) => m.email) ?? ['staff@bank.example'];
  const branches = ['Москва, Тверская', 'Москва, Арбат', 'Екатеринбург', 'Санкт-Петербург', 'Казань'];
  let counter = 0;

  stores.transaction(() => {
    options.months.forEach((month, monthIndex) => {
      const start = DateTime.fromISO(`${month}-01`, { zone });
      const days: string[] = [];
      for (let d = start; d.month === start.month; d = d.plus({ days: 1 })) if (calendar.isWorkingDay(d.toISODate()!)) days.push(d.toISODate()!);
      for (const department of departments) {
        const q = QUALITY[department.id]!;
        const quality = Math.min(0.97, Math.max(0.15, q.base + q.drift * monthIndex));
        const count = Math.round(q.volume * (0.8 + rand() * 0.4));
        for (let i = 0; i < count; i++) {
          counter += 1;
          const category = pick(department.categories);
          const day = pick(days);
          const created = DateTime.fromISO(`${day}T${String(9 + Math.floor(rand() * 8)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}`, { zone }).toJSDate();
          const due = computeDue(kb, { category, priority: 'normal', department: department.id, vip: false }, created, zone);
          // Worse departments answer later and resolve slower; a few issues go astray first.
          const frHours = 0.2 + rand() * 6 * (1.2 - quality);
          const resolutionHours = frHours + 1 + rand() * 40 * (1.15 - quality);
          const handedFrom = rand() < 0.12 * (1.1 - quality) ? pick(departments.filter((d) => d.id !== department.id)) : undefined;
          const firstResponse = addWorkingTime(created, { amount: frHours, unit: 'h' }, calendar, zone);
          const resolvedAt = addWorkingTime(created, { amount: resolutionHours, unit: 'h' }, calendar, zone);
          const stillOpen = resolvedAt.getTime() > options.now.getTime() || rand() < 0.03;
          const reopened = !stillOpen && rand() < 0.15 * (1 - quality) ? 1 : 0;
          // A client rates about two issues in three: mostly 4–5 where work is good.
          const rated = !stillOpen && rand() < 0.7;
          const satisfaction = rated ? Math.max(1, Math.min(5, Math.round(1 + 4 * quality + (rand() - 0.5) * 2.2))) : undefined;
          const assignee = pick(staff(department.id));
          const issue = stores.issues.insert({
            number: `CL-${month.slice(0, 4)}-${String(900000 + counter)}`,
            client: 'Клиент ***',
            vip: false,
            category,
            channel: 'branch',
            branch: department.id === 'branch_ekb' ? 'Екатеринбург' : pick(branches),
            description: 'пример обращения',
            priority: 'normal',
            status: stillOpen ? 'in_progress' : 'resolved',
            department: department.id,
            assignee,
            requester: 'sample@bank.example',
            requesterPlatform: 'console',
            routeReason: { ru: 'пример', en: 'sample' },
            createdAt: created.toISOString(),
            firstResponseAt: firstResponse.toISOString(),
            firstResponseDue: due.firstResponseDue.toISOString(),
            dueAt: due.dueAt.toISOString(),
            regulatory: due.regulatory,
            extended: false,
            pausedHours: 0,
            satisfaction,
            resolvedAt: stillOpen ? undefined : resolvedAt.toISOString(),
            reopened,
            handoffs: handedFrom ? 1 : 0,
            entries: [],
            updatedAt: created.toISOString(),
          });
          const event = (at: Date, actor: string, type: Parameters<Stores['issueEvents']['append']>[4], data: Record<string, unknown>) =>
            stores.issueEvents.append(issue.id, at, actor, 'console', type, data);
          event(created, 'sample@bank.example', 'routed', { department: handedFrom?.id ?? department.id });
          if (handedFrom) event(firstResponse, pick(staff(handedFrom.id)), 'handoff', { from: handedFrom.id, to: department.id, reason: 'пример' });
          event(firstResponse, assignee, 'taken', { status: 'assigned' });
          if (!stillOpen) event(resolvedAt, assignee, 'resolved', { resolution: 'пример', satisfaction });
        }
        // Answers served on the department's topics, rated now and then.
        const answers = Math.round(q.volume * 3 * (0.8 + rand() * 0.4));
        for (let i = 0; i < answers; i++) {
          const at = DateTime.fromISO(`${pick(days)}T12:00`, { zone }).toJSDate();
          const id = stores.answerLog.logServed({
            servedAt: at,
            entryId: `${department.id}-sample`,
            entryKind: 'answer',
            owner: department.id,
            actorId: pick(staff(department.id)),
            platform: 'console',
            question: 'пример вопроса',
            decision: 'answer',
          });
          if (rand() < 0.4) stores.answerLog.rate(id, rand() < 0.5 + quality / 2);
        }
      }
    });
  });
  return counter;
}
