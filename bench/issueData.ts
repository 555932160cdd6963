import type { NewIssueInput } from '../bot/core/issues/issueDesk';
import type { IssueStatus, NewIssue } from '../bot/core/issues/model';
import type { KnowledgeBase } from '../knowledge/model';
import type { Priority } from '../knowledge/schema/issues';
import { pickOne, streamOf } from './random';

const SURNAMES = ['Иванов', 'Петрова', 'Сидоров', 'Кузнецова', 'Смирнов', 'Волкова', 'Попов', 'Лебедева', 'Козлов', 'Новикова', 'Морозов', 'Соколова'];
const INITIALS = ['А.', 'В.', 'Е.', 'И.', 'М.', 'О.', 'С.', 'Т.'];
const PROBLEMS = [
  'не может войти в приложение после обновления, код из SMS не приходит',
  'деньги списаны дважды за одну покупку в магазине',
  'перевод по СБП не поступил получателю уже третий день',
  'банкомат не выдал наличные, сумма списана со счёта',
  'просит досрочно погасить кредит и пересчитать график',
  'недоволен ожиданием в очереди в офисе больше часа',
  'карта заблокирована банком после покупки за границей',
  'не согласен с комиссией за обслуживание счёта',
  'хочет закрыть вклад досрочно без потери процентов',
  'звонили мошенники от имени банка, клиент назвал код',
];
const CITIES = ['Екатеринбург', 'Казань', 'Новосибирск', 'Омск', 'Пермь', 'Тула', 'Калининград'];
const PRIORITIES: Priority[] = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'];

/** A card number that passes the Luhn check, so the masker treats it as a card. */
function luhnCard(random: () => number): string {
  const digits = [2, 2, 0, 0];
  while (digits.length < 15) digits.push(Math.floor(random() * 10));
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let d = digits[14 - i]!;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  digits.push((10 - (sum % 10)) % 10);
  return digits.join('').replace(/(\d{4})(?=\d)/g, '$1 ');
}

function phone(random: () => number): string {
  const d = () => Math.floor(random() * 10);
  return `+7 9${d()}${d()} ${d()}${d()}${d()}-${d()}${d()}-${d()}${d()}`;
}

const ISSUE_STREAM = 21;

/**
 * What a member of staff types when logging an issue: a client's name, a category, and a description
 * that carries the client data the masker must hide (a card number, a phone) about half the time.
 */
export function issueInputs(kb: KnowledgeBase, seed: number, count: number): NewIssueInput[] {
  const categories = kb.categories.map((c) => c.id);
  return Array.from({ length: count }, (_, i) => {
    const random = streamOf(seed, ISSUE_STREAM, i);
    const client = `${pickOne(SURNAMES, random)} ${pickOne(INITIALS, random)}${pickOne(INITIALS, random)}`;
    const details: string[] = [pickOne(PROBLEMS, random)];
    if (random() < 0.5) details.push(`карта ${luhnCard(random)}`);
    if (random() < 0.4) details.push(`телефон для связи ${phone(random)}`);
    const branch = random() < 0.2 ? `Офис в г. ${pickOne(CITIES, random)}` : undefined;
    return {
      client,
      vip: random() < 0.05,
      category: pickOne(categories, random),
      channel: pickOne(kb.routing.channels, random),
      branch,
      priority: pickOne(PRIORITIES, random),
      description: `Клиент ${client}: ${details.join(', ')}.`,
    };
  });
}

/** Department shares: `even` gives each the same; `skewed` follows Zipf's law (the first gets about a fifth). */
export type Spread = 'even' | 'skewed';

function departmentPicker(departments: readonly string[], spread: Spread): (random: () => number) => string {
  if (spread === 'even') return (random) => pickOne(departments, random);
  const weights = departments.map((_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w / total;
    cumulative.push(sum);
  }
  return (random) => {
    const r = random();
    const k = cumulative.findIndex((c) => r < c);
    return departments[k === -1 ? departments.length - 1 : k]!;
  };
}

const OPEN_MIX: [IssueStatus, number][] = [
  ['new', 0.2],
  ['assigned', 0.3],
  ['in_progress', 0.35],
  ['waiting_client', 0.1],
  ['reopened', 0.05],
];

function statusFor(r: number): IssueStatus {
  let left = r;
  for (const [status, share] of OPEN_MIX) {
    left -= share;
    if (left < 0) return status;
  }
  return 'in_progress';
}

const OPEN_STREAM = 22;
const HOUR = 3_600_000;

/**
 * Open issues as a working desk holds them: due from four days ago to sixteen days ahead (so about a
 * fifth are overdue), opened one to twenty days before their due time, most assigned, a tenth waiting
 * for the client.
 */
export function openIssues(kb: KnowledgeBase, options: { seed: number; count: number; spread: Spread; now: Date }): NewIssue[] {
  const departments = kb.departments.map((d) => d.id);
  const pickDepartment = departmentPicker(departments, options.spread);
  const year = options.now.getUTCFullYear();
  const nowMs = options.now.getTime();
  return Array.from({ length: options.count }, (_, i) => {
    const random = streamOf(options.seed, OPEN_STREAM, i);
    const department = pickDepartment(random);
    const due = new Date(nowMs + (-4 + random() * 20) * 24 * HOUR);
    const created = new Date(Math.min(nowMs - HOUR, due.getTime() - (1 + random() * 19) * 24 * HOUR));
    const status = statusFor(random());
    const members = kb.department(department)?.members ?? [];
    const assignee = status === 'new' ? undefined : members[i % Math.max(1, members.length)]?.email;
    const createdAt = created.toISOString();
    return {
      number: `CL-${year}-B${String(i + 1).padStart(6, '0')}`,
      client: `${pickOne(SURNAMES, random)} ${pickOne(INITIALS, random)}`,
      vip: random() < 0.05,
      category: `${department}-request`,
      channel: pickOne(kb.routing.channels, random),
      description: `Клиент ${pickOne(PROBLEMS, random)}.`,
      priority: pickOne(PRIORITIES, random),
      status,
      department,
      assignee,
      requester: 'service.1@bank.example',
      requesterPlatform: 'slack',
      routeReason: { ru: `категория «${department}»`, en: `category "${department}"` },
      createdAt,
      firstResponseAt: status === 'new' ? undefined : new Date(created.getTime() + 2 * HOUR).toISOString(),
      firstResponseDue: new Date(created.getTime() + 8 * HOUR).toISOString(),
      dueAt: due.toISOString(),
      regulatory: false,
      extended: false,
      pausedSince: status === 'waiting_client' ? new Date(created.getTime() + 4 * HOUR).toISOString() : undefined,
      pausedHours: 0,
      reopened: status === 'reopened' ? 1 : 0,
      handoffs: 0,
      entries: [],
      updatedAt: createdAt,
    };
  });
}
