import type { KnowledgeBase } from '../../../knowledge/model';
import type { ClaimedItem, NoticeItem, OutboxItem } from '../../../storage/outbox';
import { inBothLocales } from '../i18n';
import type { Locale, Reply } from '../types';
import { departmentCard, departmentName, describeEvent, formatTime, issueTitle, personName, STATUS_LABEL, simpleReply } from './issueCards';
import type { Issue, IssueEvent, IssueStatus } from './model';

/**
 * A claimed outbox item ready to send: a notice about an issue is rendered here, from the issue as it is
 * now, in both languages; a message rendered when written is passed through. `skip`: nothing to send.
 */
export function renderClaimed(item: ClaimedItem, kb: KnowledgeBase, now: Date): OutboxItem | { skip: string } {
  if (!('notice' in item)) return item;
  const payload = renderNotice(item, kb, now);
  if (!payload) return { skip: 'the issue or event of this notice is missing' };
  const { notice: _notice, ...rest } = item;
  return { ...rest, payload };
}

function renderNotice({ notice }: NoticeItem, kb: KnowledgeBase, now: Date): { ru: Reply; en: Reply } | undefined {
  const { issue, event, zone } = notice;
  if (!issue) return undefined;
  if (notice.kind === 'card') return inBothLocales((l) => departmentCard(issue, kb, l, zone, now));
  if (!event) return undefined;
  if (notice.kind === 'line') return inBothLocales((l) => simpleReply(describeEvent(event, kb, l, zone)));
  return inBothLocales((l) => simpleReply(`${requesterMessage(event, issue, kb, zone, l)}\n_${issueTitle(issue, kb, l)}_`));
}

/** What the requester is told about an event on their issue. */
export function requesterMessage(event: IssueEvent, issue: Issue, kb: KnowledgeBase, zone: string, l: Locale): string {
  const ru = l === 'ru';
  const n = issue.number;
  const d = event.data as Record<string, string | number | undefined>;
  const str = (v: unknown) => String(v ?? '');
  switch (event.type) {
    case 'created':
    case 'routed': {
      const reason = str(ru ? d.reasonRu : d.reasonEn) || issue.routeReason[l];
      const due = formatTime(issue.dueAt, zone, l);
      return ru ? `Обращение ${n} зарегистрировано и передано: ${reason}. Срок решения: ${due}.` : `Issue ${n} is logged and routed to ${reason}. Due: ${due}.`;
    }
    case 'taken': {
      const who = personName(kb, event.actor, l);
      return ru ? `Ваше обращение ${n} взял(а) в работу ${who}.` : `${who} took your issue ${n}.`;
    }
    case 'assigned': {
      const who = personName(kb, str(d.assignee), l);
      return ru ? `Исполнитель по обращению ${n}: ${who}.` : `${who} is now handling your issue ${n}.`;
    }
    case 'status': {
      const to = STATUS_LABEL[d.to as IssueStatus]?.[l] ?? str(d.to);
      return ru ? `Статус обращения ${n}: ${to}.` : `Issue ${n} is now ${to}.`;
    }
    case 'comment':
      return `${n} · ${personName(kb, event.actor, l)}: ${str(d.text)}`;
    case 'handoff':
      return ru
        ? `Обращение ${n} передано в «${departmentName(kb, str(d.to), l)}»: ${str(d.reason)}`
        : `Issue ${n} was handed to ${departmentName(kb, str(d.to), l)}: ${str(d.reason)}`;
    case 'resolved':
      return ru ? `Обращение ${n} решено: ${str(d.resolution)}` : `Issue ${n} is resolved: ${str(d.resolution)}`;
    case 'reopened':
      return ru ? `Обращение ${n} открыто повторно: ${str(d.reason)}` : `Issue ${n} was reopened: ${str(d.reason)}`;
    case 'extended': {
      const due = formatTime(str(d.dueAt), zone, l);
      return ru
        ? `Срок ответа по обращению ${n} продлён на ${str(d.days)} раб. дн., до ${due}. Причина: ${str(d.reason)}`
        : `The deadline of issue ${n} is extended by ${str(d.days)} working days, to ${due}. Reason: ${str(d.reason)}`;
    }
    case 'escalated':
    case 'reminded':
      return describeEvent(event, kb, l, zone);
  }
}
