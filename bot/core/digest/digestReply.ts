import { DateTime } from 'luxon';
import { pick } from '../../../knowledge/localized';
import type { KnowledgeBase } from '../../../knowledge/model';
import { departmentName, STATUS_LABEL } from '../issues/issueCards';
import type { Block, Locale, Reply } from '../types';
import type { DepartmentDigest } from './digest';
import { clip, issueLine, longDate, section, shortTime, workingSpan } from './format';

/** Items per section: a digest is read in a minute, and the full lists are one command away. */
export const ITEMS_PER_SECTION = 10;

const LIST = {
  overdue: { ru: 'обращение список просроченные', en: 'issue list overdue' },
  unassigned: { ru: 'обращение список свободные', en: 'issue list unassigned' },
  department: { ru: 'обращение список отдел', en: 'issue list department' },
};

const KIND_LABEL: Record<string, { ru: string; en: string }> = {
  answer: { ru: 'ответ', en: 'answer' },
  right: { ru: 'статья кодекса', en: 'rights article' },
  product: { ru: 'продукт', en: 'product' },
  playbook: { ru: 'инструкция', en: 'playbook' },
};

export interface DigestRenderOptions {
  itemsPerSection?: number;
}

/** The digest as one message: a heading, then one text block per non-empty section. */
export function digestReply(d: DepartmentDigest, kb: KnowledgeBase, locale: Locale, options: DigestRenderOptions = {}): Reply {
  const max = options.itemsPerSection ?? ITEMS_PER_SECTION;
  const ru = locale === 'ru';
  const name = departmentName(kb, d.department.id, locale);
  const title = `${ru ? 'Дайджест' : 'Digest'} · ${name} · ${longDate(d.now, d.zone, locale)}`;
  const blocks: Block[] = [{ type: 'heading', text: clip(title, 150) }];
  const notes: string[] = [];
  if (d.lateFor) {
    const at = shortTime(d.lateFor, d.zone, locale);
    notes.push(
      ru ? `_Дайджест за ${at} отправлен с опозданием: бот был недоступен._` : `_The digest due ${at} is late: the bot was not running._`,
    );
  }
  for (const year of d.beyondCalendar) {
    notes.push(
      ru
        ? `⚠️ Производственного календаря на ${year} год нет: сроки считаются только по выходным. Добавьте knowledge/base/calendars/${year}.yaml.`
        : `⚠️ There is no production calendar for ${year}: deadlines count weekends only. Add knowledge/base/calendars/${year}.yaml.`,
    );
  }
  for (const year of d.provisionalCalendar) {
    notes.push(
      ru
        ? `⚠️ Производственный календарь на ${year} год предварительный: в нём ещё нет всех переносов выходных. Когда выйдет постановление Правительства, дополните knowledge/base/calendars/${year}.yaml.`
        : `⚠️ The production calendar for ${year} is provisional: it does not have every moved day off yet. Complete knowledge/base/calendars/${year}.yaml when the Government's decree is out.`,
    );
  }
  if (notes.length > 0) blocks.push({ type: 'text', markdown: notes.join('\n') });

  const sections = sectionsOf(d, kb, locale, max);
  if (sections.length === 0) {
    const nothing = ru
      ? `Всё спокойно: открытых обращений нет, нового с ${shortTime(d.since, d.zone, locale)} нет.`
      : `All quiet: no open issues and nothing new since ${shortTime(d.since, d.zone, locale)}.`;
    blocks.push({ type: 'text', markdown: nothing });
    return { blocks, fallbackText: `${title}: ${nothing}` };
  }
  for (const text of sections) blocks.push({ type: 'text', markdown: text });
  const summary = ru
    ? `открыто ${d.openTotal}, просрочено ${d.overdue.length}, новых ${d.newTotal}`
    : `${d.openTotal} open, ${d.overdue.length} overdue, ${d.newTotal} new`;
  return { blocks, fallbackText: `${title}: ${summary}` };
}

function sectionsOf(d: DepartmentDigest, kb: KnowledgeBase, l: Locale, max: number): string[] {
  const ru = l === 'ru';
  const out: string[] = [];
  const when = (iso: string) => shortTime(iso, d.zone, l);

  if (d.openTotal > 0) {
    const parts = d.byStatus.map((s) => `${STATUS_LABEL[s.status][l]} — ${s.count}`).join(', ');
    out.push(`*${ru ? 'Открыто' : 'Open'}: ${d.openTotal}* (${parts})`);
  }
  if (d.overdue.length > 0) {
    out.push(
      section(
        `${ru ? 'Просрочено' : 'Overdue'} (${d.overdue.length})`,
        d.overdue.slice(0, max).map(({ issue, lateHours }) => {
          const late = workingSpan(lateHours, d.dayHours, l);
          return `${issueLine(issue, kb, l, { assignee: true })} — ${ru ? `просрочено на ${late}` : `${late} late`} (${ru ? 'срок' : 'due'} ${when(issue.dueAt)})`;
        }),
        d.overdue.length,
        { locale: l, command: LIST.overdue[l] },
      ),
    );
  }
  if (d.dueToday.length > 0) {
    out.push(
      section(
        `${ru ? 'Срок сегодня' : 'Due today'} (${d.dueToday.length})`,
        d.dueToday.slice(0, max).map((i) => `${issueLine(i, kb, l, { assignee: true })} — ${ru ? 'до' : 'by'} ${when(i.dueAt)}`),
        d.dueToday.length,
        { locale: l, command: LIST.department[l] },
      ),
    );
  }
  if (d.dueNextDay.length > 0) {
    out.push(
      section(
        `${nextDayLabel(d, l)} (${d.dueNextDay.length})`,
        d.dueNextDay.slice(0, max).map((i) => `${issueLine(i, kb, l, { assignee: true })} — ${ru ? 'до' : 'by'} ${when(i.dueAt)}`),
        d.dueNextDay.length,
        { locale: l, command: LIST.department[l] },
      ),
    );
  }
  if (d.unassigned.length > 0) {
    out.push(
      section(
        `${ru ? 'Без исполнителя' : 'Unassigned'} (${d.unassigned.length})`,
        d.unassigned.slice(0, max).map((i) => `${issueLine(i, kb, l)} — ${ru ? 'срок' : 'due'} ${when(i.dueAt)}`),
        d.unassigned.length,
        { locale: l, command: LIST.unassigned[l] },
      ),
    );
  }
  if (d.newTotal > 0) {
    const lines = d.newIssues.slice(0, max).map((i) => `${issueLine(i, kb, l, { assignee: true })} — ${when(i.createdAt)}`);
    const closed = d.newTotal - d.newIssues.length;
    let text = section(
      `${ru ? 'Новые с прошлого дайджеста' : 'New since the last digest'} (${d.newTotal})`,
      lines,
      d.newIssues.length,
      { locale: l, command: LIST.department[l] },
    );
    if (closed > 0) text += `\n${ru ? `_ещё ${closed} уже решены или переданы_` : `_${closed} more already resolved or handed on_`}`;
    out.push(text);
  }
  if (d.handedIn.length > 0) {
    out.push(
      section(
        `${ru ? 'Переданы из других подразделений' : 'Handed in by other departments'} (${d.handedIn.length})`,
        d.handedIn.slice(0, max).map(({ issue, from }) => `${issueLine(issue, kb, l)} — ${ru ? 'из' : 'from'} ${departmentName(kb, from, l)}`),
        d.handedIn.length,
        { locale: l, command: LIST.department[l] },
      ),
    );
  }
  if (d.reviews.length > 0) {
    out.push(
      section(
        `${ru ? 'Пора пересмотреть материалы базы знаний' : 'Knowledge entries due for review'} (${d.reviews.length})`,
        d.reviews.slice(0, max).map(({ entry, overdue }) => {
          const date = DateTime.fromISO(entry.reviewBy).setLocale(l).toFormat(ru ? 'dd.MM.yyyy' : 'dd MMM yyyy');
          const state = overdue ? (ru ? `срок пересмотра прошёл ${date}` : `review was due ${date}`) : ru ? `пересмотреть до ${date}` : `review by ${date}`;
          return `${KIND_LABEL[entry.kind]?.[l] ?? entry.kind} \`${entry.id}\` «${clip(pick(entry.title, l), 80)}» — ${state}`;
        }),
        d.reviews.length,
        { locale: l },
      ),
    );
  }
  if (d.unanswered.length > 0) {
    out.push(
      section(
        `${ru ? 'Вопросы без ответа по вашим темам' : 'Questions the bot could not answer in your topics'} (${d.unanswered.length})`,
        d.unanswered.slice(0, max).map((q) => `«${clip(q.question.replace(/[`*_~]/g, ''), 120)}» — ${when(q.askedAt)}`),
        d.unanswered.length,
        { locale: l },
      ),
    );
  }
  if (d.escalatedToCommittee.length > 0) {
    out.push(
      section(
        `${ru ? 'Эскалированы в комитет и ещё открыты' : 'Escalated to the committee and still open'} (${d.escalatedToCommittee.length})`,
        d.escalatedToCommittee.slice(0, max).map((i) => `${issueLine(i, kb, l, { assignee: true })} — ${departmentName(kb, i.department, l)}`),
        d.escalatedToCommittee.length,
        { locale: l },
      ),
    );
  }
  return out;
}

/** "Tomorrow" when the next working day is tomorrow; its date otherwise (a Friday's digest looks to Monday). */
function nextDayLabel(d: DepartmentDigest, l: Locale): string {
  const ru = l === 'ru';
  const tomorrow = DateTime.fromJSDate(d.now, { zone: d.zone }).plus({ days: 1 }).toISODate();
  if (d.nextDay === tomorrow) return ru ? 'Срок завтра' : 'Due tomorrow';
  const date = DateTime.fromISO(d.nextDay).setLocale(l).toFormat(ru ? 'ccc, dd.MM' : 'ccc d MMM');
  return ru ? `Срок в следующий рабочий день (${date})` : `Due next working day (${date})`;
}
