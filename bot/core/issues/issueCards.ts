import { DateTime } from 'luxon';
import type { KnowledgeBase } from '../../../knowledge/model';
import type { Priority } from '../../../knowledge/schema/issues';
import type { Block, Locale, Localized, Reply } from '../types';
import { wallClockOf } from '../workingTime';
import type { Issue, IssueEvent, IssueStatus } from './model';

export const STATUS_LABEL: Record<IssueStatus, Localized> = {
  new: { ru: 'новое', en: 'new' },
  assigned: { ru: 'назначено', en: 'assigned' },
  in_progress: { ru: 'в работе', en: 'in progress' },
  waiting_client: { ru: 'ждём клиента', en: 'waiting for the client' },
  resolved: { ru: 'решено', en: 'resolved' },
  closed: { ru: 'закрыто', en: 'closed' },
  reopened: { ru: 'открыто повторно', en: 'reopened' },
};

export const PRIORITY_LABEL: Record<Priority, Localized> = {
  low: { ru: 'низкий', en: 'low' },
  normal: { ru: 'обычный', en: 'normal' },
  high: { ru: 'высокий', en: 'high' },
  urgent: { ru: 'срочный', en: 'urgent' },
};

export const CHANNEL_LABEL: Record<string, Localized> = {
  branch: { ru: 'офис', en: 'branch' },
  phone: { ru: 'телефон', en: 'phone' },
  online: { ru: 'интернет-банк', en: 'online banking' },
  chat: { ru: 'чат', en: 'chat' },
  mail: { ru: 'почта', en: 'mail' },
  office: { ru: 'головной офис', en: 'head office' },
};

// luxon's English short month names (it does not ask Intl for English).
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const two = (n: number) => String(n).padStart(2, '0');

/**
 * `26.11.2026 14:00` (ru) or `26 Nov 2026 14:00` (en) in `zone`: the strings luxon's `toFormat` gives, built
 * from the zone's offset (remembered per quarter hour) instead of luxon's 20 µs per call; anything but a
 * UTC instant as we store them goes to luxon.
 */
export function formatTime(iso: string, zone: string, locale: Locale): string {
  if (!UTC_INSTANT.test(iso)) {
    return DateTime.fromISO(iso, { zone }).setLocale(locale).toFormat(locale === 'ru' ? 'dd.MM.yyyy HH:mm' : 'dd MMM yyyy HH:mm');
  }
  const t = wallClockOf(new Date(iso), zone);
  const year = t.getUTCFullYear();
  if (year < 1000 || year > 9999) return DateTime.fromISO(iso, { zone }).setLocale(locale).toFormat(locale === 'ru' ? 'dd.MM.yyyy HH:mm' : 'dd MMM yyyy HH:mm');
  const day = two(t.getUTCDate());
  const time = `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
  return locale === 'ru' ? `${day}.${two(t.getUTCMonth() + 1)}.${year} ${time}` : `${day} ${MONTHS_EN[t.getUTCMonth()]} ${year} ${time}`;
}

export function personName(kb: KnowledgeBase, id: string | undefined, locale: Locale): string {
  if (!id) return locale === 'ru' ? 'не назначен' : 'unassigned';
  return kb.person(id)?.name ?? id;
}

export function departmentName(kb: KnowledgeBase, id: string, locale: Locale): string {
  return kb.department(id)?.name[locale] ?? id;
}

export function categoryName(kb: KnowledgeBase, id: string, locale: Locale): string {
  return kb.category(id)?.name[locale] ?? id;
}

export function isOverdue(issue: Issue, now: Date): boolean {
  return issue.status !== 'resolved' && issue.status !== 'closed' && new Date(issue.dueAt) < now;
}

export function issueTitle(issue: Issue, kb: KnowledgeBase, locale: Locale): string {
  const vip = issue.vip ? ' · VIP' : '';
  return `${issue.number} · ${categoryName(kb, issue.category, locale)}${vip}`;
}

export function issueFields(issue: Issue, kb: KnowledgeBase, locale: Locale, zone: string): Block {
  const ru = locale === 'ru';
  const fields = [
    { label: ru ? 'Клиент' : 'Client', value: issue.client },
    { label: ru ? 'Статус' : 'Status', value: STATUS_LABEL[issue.status][locale] },
    { label: ru ? 'Подразделение' : 'Department', value: departmentName(kb, issue.department, locale) },
    { label: ru ? 'Исполнитель' : 'Assignee', value: personName(kb, issue.assignee, locale) },
    { label: ru ? 'Приоритет' : 'Priority', value: PRIORITY_LABEL[issue.priority][locale] },
    { label: ru ? 'Канал' : 'Channel', value: CHANNEL_LABEL[issue.channel]?.[locale] ?? issue.channel },
    { label: ru ? 'Срок ответа' : 'First response due', value: formatTime(issue.firstResponseDue, zone, locale) },
    {
      label: issue.regulatory ? (ru ? 'Срок (жалоба, 442-ФЗ)' : 'Due (complaint, 442-FZ)') : ru ? 'Срок решения' : 'Due',
      value: formatTime(issue.dueAt, zone, locale) + (issue.extended ? (ru ? ' (продлён)' : ' (extended)') : ''),
    },
    { label: ru ? 'Заявитель' : 'Requester', value: personName(kb, issue.requester, locale) },
  ];
  if (issue.branch) fields.push({ label: ru ? 'Офис' : 'Branch', value: issue.branch });
  return { type: 'fields', fields };
}

/** The buttons a department's card offers while the issue is open. */
export function issueButtons(issue: Issue, locale: Locale): Block | undefined {
  const ru = locale === 'ru';
  if (issue.status === 'closed') return undefined;
  if (issue.status === 'resolved') {
    return { type: 'buttons', buttons: [{ label: ru ? 'Открыть повторно' : 'Reopen', actionId: 'issue.reopen', value: issue.number }] };
  }
  const buttons: Extract<Block, { type: 'buttons' }>['buttons'] = [];
  if (!issue.assignee) buttons.push({ label: ru ? 'Взять' : 'Take', actionId: 'issue.take', value: issue.number, style: 'primary' });
  buttons.push({ label: ru ? 'Передать' : 'Hand off', actionId: 'issue.handoff', value: issue.number });
  buttons.push({ label: ru ? 'Решить' : 'Resolve', actionId: 'issue.resolve', value: issue.number, style: 'primary' });
  return { type: 'buttons', buttons };
}

/** The card posted to the responsible department's channel and updated in place on every change. */
export function departmentCard(issue: Issue, kb: KnowledgeBase, locale: Locale, zone: string, now: Date): Reply {
  const ru = locale === 'ru';
  const overdue = isOverdue(issue, now) ? (ru ? ' · ПРОСРОЧЕНО' : ' · OVERDUE') : '';
  const blocks: Block[] = [
    { type: 'heading', text: `${issueTitle(issue, kb, locale)}${overdue}` },
    { type: 'text', markdown: issue.description },
    issueFields(issue, kb, locale, zone),
    { type: 'text', markdown: `${ru ? 'Маршрут' : 'Routed'}: ${issue.routeReason[locale]}` },
  ];
  if (issue.resolution) blocks.push({ type: 'text', markdown: `${ru ? 'Решение' : 'Resolution'}: ${issue.resolution}` });
  const buttons = issueButtons(issue, locale);
  if (buttons) blocks.push(buttons);
  return { blocks, fallbackText: `${issueTitle(issue, kb, locale)}: ${STATUS_LABEL[issue.status][locale]}` };
}

export function simpleReply(text: string): Reply {
  return { blocks: [{ type: 'text', markdown: text }], fallbackText: text };
}

/** One line of history, as `show` and the card's thread display it. */
export function describeEvent(event: IssueEvent, kb: KnowledgeBase, locale: Locale, zone: string): string {
  const ru = locale === 'ru';
  const who = event.actor === 'system' ? 'clientdesk' : personName(kb, event.actor, locale);
  const d = event.data as Record<string, string | number | undefined>;
  const when = formatTime(event.at, zone, locale);
  const str = (v: unknown) => String(v ?? '');
  let what: string;
  switch (event.type) {
    case 'created': {
      // Since one event records logging and routing, it carries the route's reason; older ones do not.
      const reason = ru ? d.reasonRu : d.reasonEn;
      what = (ru ? 'зарегистрировал(а) обращение' : 'logged the issue') + (reason ? ` · ${ru ? 'маршрут' : 'routed'}: ${reason}` : '');
      break;
    }
    case 'routed':
      what = `${ru ? 'маршрут' : 'routed'}: ${str(ru ? d.reasonRu : d.reasonEn)}`;
      break;
    case 'taken':
      what = ru ? 'взял(а) в работу' : 'took the issue';
      break;
    case 'assigned':
      what = `${ru ? 'назначил(а) исполнителя' : 'assigned it to'} ${personName(kb, str(d.assignee), locale)}`;
      break;
    case 'status':
      what = `${ru ? 'статус' : 'status'}: ${STATUS_LABEL[d.from as IssueStatus]?.[locale] ?? d.from} → ${STATUS_LABEL[d.to as IssueStatus]?.[locale] ?? d.to}`;
      break;
    case 'comment':
      what = `${ru ? 'комментарий' : 'comment'}: ${str(d.text)}`;
      break;
    case 'handoff':
      what = `${ru ? 'передал(а)' : 'handed off'} ${departmentName(kb, str(d.from), locale)} → ${departmentName(kb, str(d.to), locale)}: ${str(d.reason)}`;
      break;
    case 'resolved':
      what = `${ru ? 'решено' : 'resolved'}: ${str(d.resolution)}${d.satisfaction ? ` (${ru ? 'оценка клиента' : 'client rating'} ${d.satisfaction}/5)` : ''}`;
      break;
    case 'reopened':
      what = `${ru ? 'открыто повторно' : 'reopened'}: ${str(d.reason)}`;
      break;
    case 'extended':
      what = `${ru ? 'срок продлён на' : 'deadline extended by'} ${str(d.days)} ${ru ? 'раб. дн.' : 'working days'}: ${str(d.reason)}`;
      break;
    case 'escalated':
      what = `${ru ? 'эскалация' : 'escalated'}: ${str(d.level)}`;
      break;
    case 'reminded':
      what = ru ? 'напоминание исполнителю' : 'assignee reminded';
      break;
  }
  return `${when} · ${who}: ${what}`;
}
